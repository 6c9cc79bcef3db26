using System.Buffers.Text;
using System.Globalization;

namespace Snowferry.Snowflake.Values;

/// <summary>Parses the UTF-8 text of one non-null cell in Snowflake's default (jsonv2) output formats.</summary>
internal static class SnowflakeCellParser
{
    private const int NanosPerSecond = 1_000_000_000;
    private static readonly int s_epochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>10^0..10^15, each exact in a double.</summary>
    private static readonly double[] s_exactPowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

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

    /// <summary>
    /// <c>[-]digits[.digits]</c> with at most 15 digits, no exponent: the digits as an integer (exact in a double) divided
    /// by an exact power of ten, one correctly rounded division, so the same double as <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>
    /// at a fraction of its cost (Clinger's fast path). False for anything else, which the general parse then reads.
    /// </summary>
    private static bool TryParseShortReal(ReadOnlySpan<byte> utf8, out double value)
    {
        value = 0;
        var i = 0;
        var negative = utf8.Length > 0 && utf8[0] == (byte)'-';
        if (negative)
        {
            i = 1;
        }

        var start = i;
        long mantissa = 0;
        for (; i < utf8.Length && IsDigit(utf8[i]); i++)
        {
            mantissa = (mantissa * 10) + (utf8[i] - '0');
        }

        var intDigits = i - start;
        var fraction = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            var fractionStart = ++i;
            for (; i < utf8.Length && IsDigit(utf8[i]); i++)
            {
                mantissa = (mantissa * 10) + (utf8[i] - '0');
            }

            fraction = i - fractionStart;
        }

        if (intDigits == 0 || i != utf8.Length || intDigits + fraction > 15)
        {
            return false;
        }

        var magnitude = fraction == 0 ? mantissa : mantissa / s_exactPowersOfTen[fraction];
        value = negative ? -magnitude : magnitude;
        return true;
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

        if (!negative)
        {
            seconds = whole;
            nanos = fraction;
        }
        else if (fraction == 0)
        {
            seconds = -whole;
        }
        else
        {
            seconds = -whole - 1;
            nanos = NanosPerSecond - fraction;
        }

        return true;
    }

    /// <summary>1..9 digits, no sign: the TZ offset code.</summary>
    private static bool TryParseSmallInt(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        if (utf8.IsEmpty || utf8.Length > 9)
        {
            return false;
        }

        foreach (var b in utf8)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>
    /// The shape Snowflake sends, <c>[-]digits.ddddddddd</c> (nine fraction digits), with eight digits at a time
    /// (the profile put a timestamp cell at ~40 ns byte by byte). False for any other shape: the general parse decides.
    /// </summary>
    private static bool TryParseNineDigitEpoch(ReadOnlySpan<byte> utf8, out long seconds, out int nanos)
    {
        seconds = 0;
        nanos = 0;
        var dot = utf8.Length - 10;
        var start = utf8.Length > 0 && utf8[0] == (byte)'-' ? 1 : 0;
        var wholeDigits = dot - start;
        if (wholeDigits is < 1 or > 18 || utf8[dot] != (byte)'.' || !IsDigit(utf8[^1])
            || !TryParseEightDigits(utf8.Slice(dot + 1, 8), out var fractionHigh))
        {
            return false;
        }

        long whole = 0;
        var i = start;
        if (wholeDigits >= 8)
        {
            if (!TryParseEightDigits(utf8.Slice(i, 8), out var high))
            {
                return false;
            }

            whole = high;
            i += 8;
        }

        for (; i < dot; i++)
        {
            if (!IsDigit(utf8[i]))
            {
                return false;
            }

            whole = (whole * 10) + (utf8[i] - '0');
        }

        var fraction = (int)((fractionHigh * 10) + (uint)(utf8[^1] - '0'));
        if (start == 0)
        {
            seconds = whole;
            nanos = fraction;
        }
        else if (fraction == 0)
        {
            seconds = -whole;
        }
        else
        {
            seconds = -whole - 1;
            nanos = NanosPerSecond - fraction;
        }

        return true;
    }

    /// <summary>Eight ASCII digits as a number, all at once (SWAR); false when any byte is not a digit.</summary>
    private static bool TryParseEightDigits(ReadOnlySpan<byte> utf8, out uint value)
    {
        var chunk = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(utf8);
        // Every byte 0x30..0x39: its high nibble is 3, and still is after adding 6 to the low one.
        if ((chunk & 0xF0F0F0F0F0F0F0F0UL) != 0x3030303030303030UL
            || ((chunk + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) != 0x3030303030303030UL)
        {
            value = 0;
            return false;
        }

        // Pairs, then quads, then the eight: the first byte is the most significant digit.
        chunk = ((chunk & 0x0F0F0F0F0F0F0F0FUL) * 2561) >> 8;
        chunk = ((chunk & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
        value = (uint)(((chunk & 0x0000FFFF0000FFFFUL) * 42949672960001UL) >> 32);
        return true;
    }

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
