using System.Globalization;
using System.Numerics;

namespace Snowferry.Snowflake.Values;

/// <summary>
/// An exact Snowflake NUMBER: up to 38 digits, <see cref="Scale"/> of them after the point. Equality and order are
/// numeric (<c>1.5 == 1.50</c>); <see cref="ToString()"/> keeps the scale's digits (<c>"1.50"</c>).
/// </summary>
public readonly partial struct SnowflakeDecimal : IEquatable<SnowflakeDecimal>, IComparable<SnowflakeDecimal>, IComparable
{
    /// <summary>The largest precision Snowflake allows.</summary>
    public const int MaxPrecision = 38;

    /// <summary>The largest scale Snowflake allows.</summary>
    public const int MaxScale = 37;

    private static readonly Int128[] s_pow10 = BuildPowersOfTen();

    private readonly Int128 _unscaled;
    private readonly byte _scale;

    /// <summary>Creates <c><paramref name="unscaled"/> / 10^<paramref name="scale"/></c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Scale outside 0..37 or more than 38 digits.</exception>
    public SnowflakeDecimal(Int128 unscaled, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        if (Int128.Abs(unscaled) >= Pow10(MaxPrecision))
        {
            throw new ArgumentOutOfRangeException(nameof(unscaled), "A Snowflake NUMBER has at most 38 digits.");
        }

        _unscaled = unscaled;
        _scale = (byte)scale;
    }

    /// <summary>The value times 10^<see cref="Scale"/>.</summary>
    public Int128 Unscaled => _unscaled;

    /// <summary>Digits after the decimal point (0..37).</summary>
    public int Scale => _scale;

    /// <summary>Zero with scale 0.</summary>
    public static SnowflakeDecimal Zero => default;

    /// <summary>The same value with <paramref name="scale"/> fraction digits, when that needs no rounding.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scale is out of range.</exception>
    /// <exception cref="OverflowException">The value would need rounding or more than 38 digits.</exception>
    public SnowflakeDecimal WithScale(int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        if (scale == _scale)
        {
            return this;
        }

        if (scale > _scale)
        {
            var factor = Pow10(scale - _scale);
            var limit = Pow10(MaxPrecision) / factor;
            if (Int128.Abs(_unscaled) >= limit)
            {
                throw new OverflowException($"{this} does not fit NUMBER(38,{scale}).");
            }

            return new SnowflakeDecimal(_unscaled * factor, scale);
        }

        var divisor = Pow10(_scale - scale);
        var (quotient, remainder) = Int128.DivRem(_unscaled, divisor);
        if (remainder != 0)
        {
            throw new OverflowException($"{this} cannot be written with scale {scale} without rounding.");
        }

        return new SnowflakeDecimal(quotient, scale);
    }

    /// <summary>Converts to <see cref="decimal"/>, rounding (half away from zero) fraction digits beyond its 28.</summary>
    /// <exception cref="OverflowException">The integer part is beyond <see cref="decimal.MaxValue"/>.</exception>
    public decimal ToDecimal()
    {
        var magnitude = (UInt128)Int128.Abs(_unscaled);
        var scale = (int)_scale;
        var maxMantissa = (UInt128)ulong.MaxValue << 32 | uint.MaxValue; // 2^96 - 1
        var drop = Math.Max(0, scale - 28);
        while (true)
        {
            var rounded = magnitude;
            if (drop > 0)
            {
                var divisor = (UInt128)Pow10(drop);
                var (q, r) = UInt128.DivRem(magnitude, divisor);
                rounded = r * 2 >= divisor ? q + 1 : q;
            }

            if (rounded <= maxMantissa)
            {
                var lo = (int)(uint)rounded;
                var mid = (int)(uint)(rounded >> 32);
                var hi = (int)(uint)(rounded >> 64);
                return new decimal(lo, mid, hi, Int128.IsNegative(_unscaled), (byte)(scale - drop));
            }

            if (drop == scale)
            {
                throw new OverflowException($"{this} is beyond the range of System.Decimal.");
            }

            drop++;
        }
    }

    /// <summary>The exact value, scale dropped, when it is an integer; otherwise truncated toward zero.</summary>
    public static explicit operator BigInteger(SnowflakeDecimal value) =>
        (BigInteger)(value._unscaled / Pow10(value._scale));

    /// <summary>The nearest <see cref="double"/>.</summary>
    public static explicit operator double(SnowflakeDecimal value) =>
        double.Parse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Converts to <see cref="decimal"/>; see <see cref="ToDecimal"/>.</summary>
    public static explicit operator decimal(SnowflakeDecimal value) => value.ToDecimal();

    /// <summary>An integer with scale 0.</summary>
    public static implicit operator SnowflakeDecimal(long value) => new(value, 0);

    /// <summary>The exact <see cref="decimal"/> value, keeping its scale.</summary>
    public static SnowflakeDecimal FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = (Int128)(((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0]);
        var scale = (bits[3] >> 16) & 0xFF;
        return new SnowflakeDecimal(value < 0 ? -magnitude : magnitude, scale);
    }

    /// <summary>Numeric equality: <c>1.5</c> equals <c>1.50</c>.</summary>
    public bool Equals(SnowflakeDecimal other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SnowflakeDecimal other && Equals(other);

    /// <summary>Hash of the value with trailing fraction zeros removed, so equal values hash alike.</summary>
    public override int GetHashCode()
    {
        var unscaled = _unscaled;
        var scale = (int)_scale;
        while (scale > 0 && unscaled % 10 == 0)
        {
            unscaled /= 10;
            scale--;
        }

        return HashCode.Combine(unscaled, scale);
    }

    /// <summary>Numeric order.</summary>
    public int CompareTo(SnowflakeDecimal other)
    {
        if (_scale == other._scale)
        {
            return _unscaled.CompareTo(other._unscaled);
        }

        // Both sides are below 10^38 and scales differ by at most 37, so BigInteger keeps it exact and simple.
        var left = (BigInteger)_unscaled;
        var right = (BigInteger)other._unscaled;
        if (_scale < other._scale)
        {
            left *= BigInteger.Pow(10, other._scale - _scale);
        }
        else
        {
            right *= BigInteger.Pow(10, _scale - other._scale);
        }

        return left.CompareTo(right);
    }

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        SnowflakeDecimal other => CompareTo(other),
        _ => throw new ArgumentException("Not a SnowflakeDecimal.", nameof(obj)),
    };

    /// <summary>Numeric equality.</summary>
    public static bool operator ==(SnowflakeDecimal left, SnowflakeDecimal right) => left.Equals(right);

    /// <summary>Numeric inequality.</summary>
    public static bool operator !=(SnowflakeDecimal left, SnowflakeDecimal right) => !left.Equals(right);

    /// <summary>Numeric order.</summary>
    public static bool operator <(SnowflakeDecimal left, SnowflakeDecimal right) => left.CompareTo(right) < 0;

    /// <summary>Numeric order.</summary>
    public static bool operator <=(SnowflakeDecimal left, SnowflakeDecimal right) => left.CompareTo(right) <= 0;

    /// <summary>Numeric order.</summary>
    public static bool operator >(SnowflakeDecimal left, SnowflakeDecimal right) => left.CompareTo(right) > 0;

    /// <summary>Numeric order.</summary>
    public static bool operator >=(SnowflakeDecimal left, SnowflakeDecimal right) => left.CompareTo(right) >= 0;

    /// <summary>10^<paramref name="exponent"/> for 0..38, from a table: the constructor's range check runs for every value decoded.</summary>
    internal static Int128 Pow10(int exponent) => s_pow10[exponent];

    private static Int128[] BuildPowersOfTen()
    {
        var powers = new Int128[MaxPrecision + 1];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
