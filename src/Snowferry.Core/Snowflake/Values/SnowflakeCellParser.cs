using System.Buffers.Text;
using System.Globalization;

namespace Snowferry.Snowflake.Values;

/// <summary>Parses the UTF-8 text of one non-null cell in Snowflake's default (jsonv2) output formats.</summary>
internal static partial class SnowflakeCellParser
{
    private const int NanosPerSecond = 1_000_000_000;
    private static readonly int s_epochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>int/float text, plus NaN and infinities in any common spelling.</summary>
    public static bool TryParseReal(ReadOnlySpan<byte> utf8, out double value)
    {
        if (TryParseShortReal(utf8, out value) || double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var negative = utf8.Length > 0 && utf8[0] == (byte)'-';
        var word = utf8.Length > 0 && (utf8[0] == (byte)'-' || utf8[0] == (byte)'+') ? utf8[1..] : utf8;
        if (word.Length > 16)
        {
            return false;
        }

        Span<char> lower = stackalloc char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            lower[i] = char.ToLowerInvariant((char)word[i]);
        }

        if (lower is "nan")
        {
            value = double.NaN;
            return true;
        }

        if (lower is "inf" or "infinity")
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return false;
    }

    public static bool TryParseBoolean(ReadOnlySpan<byte> utf8, out bool value)
    {
        value = utf8.SequenceEqual("true"u8) || utf8.SequenceEqual("TRUE"u8) || utf8.SequenceEqual("1"u8);
        return value || utf8.SequenceEqual("false"u8) || utf8.SequenceEqual("FALSE"u8) || utf8.SequenceEqual("0"u8);
    }

    /// <summary>Days since 1970-01-01, e.g. <c>"17982"</c> = 2019-03-27.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> utf8, out DateOnly value)
    {
        value = default;
        if (!Utf8Parser.TryParse(utf8, out int days, out var consumed) || consumed != utf8.Length)
        {
            return false;
        }

        var dayNumber = (long)s_epochDayNumber + days;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            return false;
        }

        value = DateOnly.FromDayNumber((int)dayNumber);
        return true;
    }

    /// <summary>Seconds since midnight with any number of fraction digits, e.g. <c>"82919.000000000"</c>.</summary>
    public static bool TryParseTime(ReadOnlySpan<byte> utf8, out SnowflakeTime value)
    {
        value = default;
        if (!TryParseEpoch(utf8, out var seconds, out var nanos) || seconds < 0 || seconds >= 86_400)
        {
            return false;
        }

        value = new SnowflakeTime((seconds * NanosPerSecond) + nanos);
        return true;
    }

    /// <summary>NTZ/LTZ: epoch seconds with any number of fraction digits; negative before 1970.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> utf8, out SnowflakeTimestamp value)
    {
        value = default;
        if (!TryParseEpoch(utf8, out var seconds, out var nanos))
        {
            return false;
        }

        value = new SnowflakeTimestamp(seconds, nanos);
        return true;
    }

    /// <summary>TZ: <c>"&lt;UTC epoch seconds&gt; &lt;offset minutes + 1440&gt;"</c>.</summary>
    public static bool TryParseTimestampTz(ReadOnlySpan<byte> utf8, out SnowflakeTimestamp value)
    {
        value = default;
        var space = utf8.IndexOf((byte)' ');
        if (space < 0
            || !TryParseEpoch(utf8[..space], out var seconds, out var nanos)
            || !TryParseSmallInt(utf8[(space + 1)..], out var code)
            || code > 2880)
        {
            return false;
        }

        value = new SnowflakeTimestamp(seconds, nanos, code - 1440);
        return true;
    }

    public static bool TryParseHex(ReadOnlySpan<byte> utf8, out byte[] value)
    {
        var bytes = new byte[utf8.Length / 2];
        value = TryParseHex(utf8, bytes) ? bytes : [];
        return value == bytes;
    }

    /// <summary>Hex text into <paramref name="destination"/>, which is exactly half its length.</summary>
    public static bool TryParseHex(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        if (utf8.Length % 2 != 0 || destination.Length != utf8.Length / 2)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var hi = HexValue(utf8[2 * i]);
            var lo = HexValue(utf8[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            destination[i] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    /// <summary>
    /// A signed decimal number of seconds, split into floor seconds and nanoseconds: <c>"-1.25"</c> is -2 s + 750 ms.
    /// Fraction digits past the ninth are dropped (truncation toward zero, before the floor).
    /// </summary>
    internal static bool TryParseEpoch(ReadOnlySpan<byte> utf8, out long seconds, out int nanos)
    {
        if (TryParseNineDigitEpoch(utf8, out seconds, out nanos))
        {
            return true;
        }

        seconds = 0;
        nanos = 0;
        var i = 0;
        var negative = false;
        if (i < utf8.Length && (utf8[i] == (byte)'-' || utf8[i] == (byte)'+'))
        {
            negative = utf8[i] == (byte)'-';
            i++;
        }

        var start = i;
        long whole = 0;
        for (; i < utf8.Length && IsDigit(utf8[i]); i++)
        {
            if (i - start >= 18)
            {
                return false;
            }

            whole = (whole * 10) + (utf8[i] - '0');
        }

        if (i == start)
        {
            return false;
        }

        var fraction = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            i++;
            var fracStart = i;
            for (; i < utf8.Length && IsDigit(utf8[i]); i++)
            {
                if (i - fracStart < 9)
                {
                    fraction = (fraction * 10) + (utf8[i] - '0');
                }
            }

            var fracDigits = i - fracStart;
            if (fracDigits == 0)
            {
                return false;
            }

            for (var d = fracDigits; d < 9; d++)
            {
                fraction *= 10;
            }
        }

        if (i != utf8.Length)
        {
            return false;
        }

        (seconds, nanos) = FromParts(negative, whole, fraction);
        return true;
    }

    /// <summary>
    /// Seconds and nanoseconds from the epoch text's sign, whole seconds and fraction: "-1.25" is the second below −1
    /// plus 0.75 s, so that nanoseconds always count forward in [0, 1e9) as the value types expect.
    /// </summary>
    private static (long Seconds, int Nanos) FromParts(bool negative, long whole, int fraction) =>
        !negative ? (whole, fraction)
        : fraction == 0 ? (-whole, 0)
        : (-whole - 1, NanosPerSecond - fraction);

    internal static int DaysSinceEpoch(DateOnly date) => date.DayNumber - s_epochDayNumber;

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
