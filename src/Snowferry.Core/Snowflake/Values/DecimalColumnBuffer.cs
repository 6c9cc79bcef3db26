using System.Runtime.CompilerServices;

namespace Snowferry.Snowflake.Values;

/// <summary>
/// NUMBER cells, brought to the column's scale so a column's values share one scale. Stored as 8-byte unscaled
/// integers at that scale while every value fits one (all but the widest sums): parsed digit by digit into a
/// <see cref="ulong"/>, where the profile found ~20% of a partition's decode in <see cref="Int128"/> arithmetic. The first
/// value that does not fit (or keeps a larger scale of its own) turns the column into <see cref="SnowflakeDecimal"/> values.
/// </summary>
internal sealed class DecimalColumnBuffer : ColumnBuffer, ITypedColumn<SnowflakeDecimal>
{
    private static readonly long[] s_pow10 = [.. Enumerable.Range(0, 19).Select(e => (long)SnowflakeDecimal.Pow10(e))];

    /// <summary>The column's scale, or -1 when it has none a value could be brought to (then every value is wide).</summary>
    private readonly int _scale;
    private ChunkedList<long> _narrow = new();
    private ChunkedList<SnowflakeDecimal> _wide;
    private bool _isWide;

    public DecimalColumnBuffer(SnowflakeColumn column)
        : base(column)
    {
        _scale = column.Scale is { } scale and >= 0 and <= SnowflakeDecimal.MaxScale ? scale : -1;
        _isWide = _scale < 0;
        _wide = _isWide ? new() : default;
    }

    /// <summary>True while every value is an unscaled <see cref="long"/> at <see cref="Scale"/> (<see cref="NarrowSegment"/>).</summary>
    public bool IsNarrow => !_isWide;

    /// <summary>The scale of the narrow values.</summary>
    public int Scale => _scale;

    protected override long ValueBytes => _isWide ? _wide.AllocatedBytes : _narrow.AllocatedBytes;

    /// <summary>Unscaled values at <see cref="Scale"/> of rows <paramref name="start"/>..; only while <see cref="IsNarrow"/>.</summary>
    public ReadOnlySpan<long> NarrowSegment(int start, int count) => _narrow.Segment(start, count);

    public SnowflakeDecimal Get(int row) => IsNull(row)
        ? throw new InvalidCastException($"Column {Column.Name} is NULL in row {row}; read it as a nullable type.")
        : _isWide ? _wide[row] : new SnowflakeDecimal(_narrow[row], _scale);

    /// <summary>A scale-0 narrow value as it is; false when the general conversion must decide (fraction, wide, NULL).</summary>
    public bool TryGetInt64(int row, out long value)
    {
        value = 0;
        if (_isWide || _scale != 0 || IsNull(row))
        {
            return false;
        }

        value = _narrow[row];
        return true;
    }

    public override object? GetBoxed(int row) => IsNull(row) ? null : Get(row);

    public override bool TryAppendText(ReadOnlySpan<byte> utf8)
    {
        if (!_isWide && TryParseNarrow(utf8, _scale, out _narrow.Next()))
        {
            _narrow.Commit();
            AppendNotNull();
            return true;
        }

        return TryAppendWide(utf8);
    }

    protected override void AppendNullValue()
    {
        if (_isWide)
        {
            _wide.Add(default);
        }
        else
        {
            _narrow.Add(0);
        }
    }

    protected override void ReleaseValues()
    {
        _narrow.Release();
        _wide.Release();
    }

    /// <summary>
    /// <c>[-+]digits[.digits]</c> with at most 18 digits and a scale at most <paramref name="scale"/>, as the unscaled
    /// value at <paramref name="scale"/> when that fits a long; anything else (longer, exponent, larger scale) is for
    /// <see cref="SnowflakeDecimal.TryParse(ReadOnlySpan{byte}, out SnowflakeDecimal)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseNarrow(ReadOnlySpan<byte> utf8, int scale, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (utf8.Length > 0 && (utf8[0] == (byte)'-' || utf8[0] == (byte)'+'))
        {
            negative = utf8[0] == (byte)'-';
            i = 1;
        }

        var start = i;
        ulong mantissa = 0;
        for (; i < utf8.Length && (uint)(utf8[i] - '0') <= 9; i++)
        {
            mantissa = (mantissa * 10) + (uint)(utf8[i] - '0');
        }

        var intDigits = i - start;
        var fraction = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            var fractionStart = ++i;
            for (; i < utf8.Length && (uint)(utf8[i] - '0') <= 9; i++)
            {
                mantissa = (mantissa * 10) + (uint)(utf8[i] - '0');
            }

            fraction = i - fractionStart;
            if (fraction == 0)
            {
                return false;
            }
        }

        // 18 digits always fit a long; more (even leading zeros) go the exact way.
        if (intDigits == 0 || i != utf8.Length || intDigits + fraction > 18 || fraction > scale)
        {
            return false;
        }

        var factor = scale - fraction;
        if (factor > 0)
        {
            if (factor > 18 || mantissa > (ulong)(long.MaxValue / s_pow10[factor]))
            {
                return false;
            }

            mantissa *= (ulong)s_pow10[factor];
        }

        value = negative ? -(long)mantissa : (long)mantissa;
        return true;
    }

    private bool TryAppendWide(ReadOnlySpan<byte> utf8)
    {
        if (!SnowflakeDecimal.TryParse(utf8, out var value))
        {
            return false;
        }

        if (_scale > value.Scale)
        {
            try
            {
                value = value.WithScale(_scale);
            }
            catch (OverflowException)
            {
                // More digits than NUMBER(38, scale) holds: keep the text's own scale rather than fail.
            }
        }

        if (!_isWide)
        {
            if (value.Scale == _scale && value.Unscaled >= long.MinValue && value.Unscaled <= long.MaxValue)
            {
                _narrow.Add((long)value.Unscaled);
                AppendNotNull();
                return true;
            }

            Widen();
        }

        _wide.Add(value);
        AppendNotNull();
        return true;
    }

    /// <summary>From here on every value is a <see cref="SnowflakeDecimal"/>: the narrow ones are copied over.</summary>
    private void Widen()
    {
        _wide = new();
        for (var row = 0; row < _narrow.Count; row++)
        {
            _wide.Add(new SnowflakeDecimal(_narrow[row], _scale));
        }

        _narrow.Release();
        _isWide = true;
    }
}
