using System.Buffers.Binary;
using System.Globalization;

namespace Snowferry.Snowflake.Values;

/// <summary>
/// Fast paths for the shapes Snowflake sends most, each falling back to the general parse (by returning false) for
/// any other text, so what a cell decodes to never depends on which path read it.
/// </summary>
internal static partial class SnowflakeCellParser
{
    /// <summary>10^0..10^15, each exact in a double.</summary>
    private static readonly double[] s_exactPowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

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
        (seconds, nanos) = FromParts(negative: start != 0, whole, fraction);
        return true;
    }

    /// <summary>Eight ASCII digits as a number, all at once (SWAR); false when any byte is not a digit.</summary>
    private static bool TryParseEightDigits(ReadOnlySpan<byte> utf8, out uint value)
    {
        var chunk = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
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
}
