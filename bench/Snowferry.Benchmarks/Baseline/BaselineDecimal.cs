using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>
/// <see cref="SnowflakeDecimal"/>'s parse and rescale as they were before issue 15, cost included: the range check of
/// its constructor computed 10^38 by 38 multiplications on every value, and so did <c>WithScale</c>.
/// </summary>
internal static class BaselineDecimal
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out SnowflakeDecimal value)
    {
        value = default;
        var i = 0;
        var negative = false;
        if (i < utf8.Length && (utf8[i] == (byte)'-' || utf8[i] == (byte)'+'))
        {
            negative = utf8[i] == (byte)'-';
            i++;
        }

        Int128 unscaled = 0;
        var digits = 0;
        var intDigits = 0;
        for (; i < utf8.Length && IsDigit(utf8[i]); i++, intDigits++)
        {
            if (!Accumulate(ref unscaled, ref digits, utf8[i]))
            {
                return false;
            }
        }

        if (intDigits == 0)
        {
            return false;
        }

        var scale = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            i++;
            for (; i < utf8.Length && IsDigit(utf8[i]); i++, scale++)
            {
                if (!Accumulate(ref unscaled, ref digits, utf8[i]))
                {
                    return false;
                }
            }

            if (scale == 0)
            {
                return false;
            }
        }

        if (i != utf8.Length || scale > SnowflakeDecimal.MaxScale)
        {
            return false;
        }

        value = Create(negative ? -unscaled : unscaled, scale);
        return true;
    }

    public static SnowflakeDecimal WithScale(SnowflakeDecimal value, int scale)
    {
        if (scale == value.Scale)
        {
            return value;
        }

        if (scale > value.Scale)
        {
            var factor = OldPow10(scale - value.Scale);
            var limit = OldPow10(SnowflakeDecimal.MaxPrecision) / factor;
            if (Int128.Abs(value.Unscaled) >= limit)
            {
                throw new OverflowException($"{value} does not fit NUMBER(38,{scale}).");
            }

            return Create(value.Unscaled * factor, scale);
        }

        var (quotient, remainder) = Int128.DivRem(value.Unscaled, OldPow10(value.Scale - scale));
        return remainder != 0 ? throw new OverflowException($"{value} cannot be written with scale {scale} without rounding.") : Create(quotient, scale);
    }

    /// <summary>The old constructor: its range check against 10^38, computed by a loop, on every value.</summary>
    private static SnowflakeDecimal Create(Int128 unscaled, int scale) =>
        Int128.Abs(unscaled) >= OldPow10(SnowflakeDecimal.MaxPrecision)
            ? throw new ArgumentOutOfRangeException(nameof(unscaled), "A Snowflake NUMBER has at most 38 digits.")
            : new SnowflakeDecimal(unscaled, scale);

    private static Int128 OldPow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool Accumulate(ref Int128 unscaled, ref int digits, byte digit)
    {
        if (digits > 0 || digit != (byte)'0')
        {
            if (++digits > SnowflakeDecimal.MaxPrecision)
            {
                return false;
            }
        }

        unscaled = unscaled * 10 + (digit - '0');
        return true;
    }
}
