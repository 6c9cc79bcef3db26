using System.Buffers.Text;
using System.Globalization;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Output.Internal;

/// <summary>
/// Text of the scalar (non-string, non-binary) cells, as UTF-8, shared by CSV and JSON: decimals digit for digit with
/// their scale, doubles round-trip shortest, dates <c>yyyy-MM-dd</c>, times and timestamps ISO 8601 with the column's
/// fraction digits (all nine when the value needs them), <c>Z</c> for LTZ and the offset for TZ.
/// </summary>
internal static class Utf8ValueFormatter
{
    /// <summary>Longest text any scalar produces (a 38-digit decimal with sign and point; a timestamp with offset).</summary>
    public const int MaxLength = 48;

    private static readonly int s_epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>Writes a non-null scalar cell; returns the bytes written.</summary>
    public static int Format(SnowflakeRowBatch batch, int row, int column, OutputColumn type, Span<byte> destination, long outputRow) =>
        type.Type switch
        {
            SnowflakeType.Fixed => FormatDecimal(batch.GetValue<SnowflakeDecimal>(row, column), destination),
            SnowflakeType.Real => FormatReal(batch.GetValue<double>(row, column), destination),
            SnowflakeType.Boolean => Copy(batch.GetValue<bool>(row, column) ? "true"u8 : "false"u8, destination),
            SnowflakeType.Date => FormatDate(batch.GetValue<DateOnly>(row, column), destination),
            SnowflakeType.Time => FormatTime(batch.GetValue<SnowflakeTime>(row, column), type.Scale, destination),
            SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz =>
                FormatTimestamp(batch.GetValue<SnowflakeTimestamp>(row, column), type, destination, column, outputRow),
            _ => throw new InvalidOperationException($"{type.Type} is not a scalar type."),
        };

    /// <summary>True for the types <see cref="Format"/> handles.</summary>
    public static bool IsScalar(SnowflakeType type) => type is SnowflakeType.Fixed or SnowflakeType.Real or SnowflakeType.Boolean
        or SnowflakeType.Date or SnowflakeType.Time or SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz;

    /// <summary>
    /// <see cref="SnowflakeDecimal.ToString()"/>'s text (sign, at least one integer digit, exactly the scale's fraction
    /// digits) written as UTF-8 directly: the magnitude's digits from a <see cref="ulong"/> whenever it fits (every
    /// NUMBER up to 19 digits), where <see cref="UInt128"/>'s formatting divides 128-bit numbers (the profile of the
    /// text writers put ~12% of their time in it).
    /// </summary>
    public static int FormatDecimal(SnowflakeDecimal value, Span<byte> destination)
    {
        var unscaled = value.Unscaled;
        var magnitude = (UInt128)Int128.Abs(unscaled);
        Span<byte> digits = stackalloc byte[40];
        int count;
        if (magnitude <= ulong.MaxValue)
        {
            Utf8Formatter.TryFormat((ulong)magnitude, digits, out count);
        }
        else
        {
            magnitude.TryFormat(digits, out count, default, CultureInfo.InvariantCulture);
        }

        var scale = value.Scale;
        var pos = 0;
        if (Int128.IsNegative(unscaled))
        {
            destination[pos++] = (byte)'-';
        }

        if (count > scale)
        {
            digits[..(count - scale)].CopyTo(destination[pos..]);
            pos += count - scale;
            if (scale == 0)
            {
                return pos;
            }

            destination[pos++] = (byte)'.';
            digits.Slice(count - scale, scale).CopyTo(destination[pos..]);
            return pos + scale;
        }

        destination[pos++] = (byte)'0';
        destination[pos++] = (byte)'.';
        destination.Slice(pos, scale - count).Fill((byte)'0');
        pos += scale - count;
        digits[..count].CopyTo(destination[pos..]);
        return pos + count;
    }

    public static int FormatReal(double value, Span<byte> destination)
    {
        // "R" is the shortest text that parses back to the same double; invariant: NaN, Infinity, -Infinity.
        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary><c>yyyy-MM-dd</c> (years 1..9999, so always four digits), without a custom format string to parse per value.</summary>
    public static int FormatDate(DateOnly value, Span<byte> destination)
    {
        value.Deconstruct(out var year, out var month, out var day);
        Write2(year / 100, destination);
        Write2(year % 100, destination[2..]);
        destination[4] = (byte)'-';
        Write2(month, destination[5..]);
        destination[7] = (byte)'-';
        Write2(day, destination[8..]);
        return 10;
    }

    public static int FormatTime(SnowflakeTime value, int? scale, Span<byte> destination)
    {
        var seconds = Math.DivRem(value.NanosecondsSinceMidnight, 1_000_000_000L, out var nanos);
        var pos = WriteClock(seconds, destination);
        return pos + WriteFraction((int)nanos, scale, destination[pos..]);
    }

    public static int FormatTimestamp(SnowflakeTimestamp value, OutputColumn type, Span<byte> destination, int column, long outputRow)
    {
        var offset = type.Type == SnowflakeType.TimestampTz ? value.OffsetMinutes.GetValueOrDefault() : 0;
        var wall = value.EpochSeconds + (offset * 60L);
        var days = Math.DivRem(wall, 86_400L, out var secondOfDay);
        if (secondOfDay < 0)
        {
            secondOfDay += 86_400;
            days--;
        }

        var dayNumber = s_epochDay + days;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw new OutputDataException(
                $"Column {type.Name} holds a timestamp outside years 1..9999, which ISO 8601 text cannot show.", type.Name, column, outputRow);
        }

        var pos = FormatDate(DateOnly.FromDayNumber((int)dayNumber), destination);
        destination[pos++] = (byte)'T';
        pos += WriteClock(secondOfDay, destination[pos..]);
        pos += WriteFraction(value.Nanoseconds, type.Scale, destination[pos..]);
        if (type.Type == SnowflakeType.TimestampLtz)
        {
            destination[pos++] = (byte)'Z';
        }
        else if (type.Type == SnowflakeType.TimestampTz)
        {
            var abs = Math.Abs(offset);
            destination[pos++] = offset < 0 ? (byte)'-' : (byte)'+';
            pos += Write2(abs / 60, destination[pos..]);
            destination[pos++] = (byte)':';
            pos += Write2(abs % 60, destination[pos..]);
        }

        return pos;
    }

    private static int WriteClock(long secondOfDay, Span<byte> destination)
    {
        Write2((int)(secondOfDay / 3600), destination);
        destination[2] = (byte)':';
        Write2((int)(secondOfDay / 60 % 60), destination[3..]);
        destination[5] = (byte)':';
        Write2((int)(secondOfDay % 60), destination[6..]);
        return 8;
    }

    /// <summary>The column's fraction digits (none for scale 0), or all nine when the value has more precision.</summary>
    private static int WriteFraction(int nanos, int? scale, Span<byte> destination)
    {
        var digits = Math.Clamp(scale ?? 9, 0, 9);
        var divisor = 1;
        for (var i = digits; i < 9; i++)
        {
            divisor *= 10;
        }

        if (nanos % divisor != 0)
        {
            digits = 9;
            divisor = 1;
        }

        if (digits == 0)
        {
            return 0;
        }

        destination[0] = (byte)'.';
        Utf8Formatter.TryFormat(nanos / divisor, destination[1..], out _, new System.Buffers.StandardFormat('D', (byte)digits));
        return digits + 1;
    }

    private static int Write2(int value, Span<byte> destination)
    {
        destination[0] = (byte)('0' + (value / 10));
        destination[1] = (byte)('0' + (value % 10));
        return 2;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
