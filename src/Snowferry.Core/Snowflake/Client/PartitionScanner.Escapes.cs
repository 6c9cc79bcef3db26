using System.Buffers;
using Snowferry.Snowflake.Values;

namespace Snowferry.Snowflake.Client;

/// <summary>The fast path's string escapes, undone as <see cref="System.Text.Json.Utf8JsonReader"/> would.</summary>
internal static partial class PartitionScanner
{
    /// <summary>
    /// A string with escapes, from its first backslash at <paramref name="firstEscape"/>: unescaped into
    /// <paramref name="scratch"/> in one pass (plain runs copied whole) and appended. The index of its closing quote in
    /// <paramref name="rest"/>, or -1 for anything the general reader should judge (a bad escape, a lone surrogate, a
    /// control character).
    /// </summary>
    private static int AppendEscaped(ReadOnlySpan<byte> rest, int firstEscape, ColumnBuffer buffer, ref byte[]? scratch)
    {
        var written = 0;
        var from = 0;
        var stop = firstEscape;
        while (true)
        {
            // Room for the run and the longest escape's UTF-8 (4 bytes).
            var run = rest[from..stop];
            Reserve(ref scratch, written, written + run.Length + 4);
            run.CopyTo(scratch.AsSpan(written));
            written += run.Length;
            if (rest[stop] == (byte)'"')
            {
                return buffer.TryAppendText(scratch.AsSpan(0, written)) ? stop : -1;
            }

            if (rest[stop] != (byte)'\\' || (from = Unescape(rest, stop, scratch.AsSpan(written), ref written)) < 0 || from >= rest.Length)
            {
                return -1;
            }

            var next = FindStringStop(rest[from..]);
            if (next < 0)
            {
                return -1;
            }

            stop = from + next;
        }
    }

    private static void Reserve([System.Diagnostics.CodeAnalysis.NotNull] ref byte[]? scratch, int used, int needed)
    {
        if (scratch is not null && scratch.Length >= needed)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(4096, (scratch?.Length ?? 0) * 2)));
        if (scratch is not null)
        {
            scratch.AsSpan(0, used).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(scratch);
        }

        scratch = bigger;
    }

    /// <summary>
    /// The escape at <paramref name="at"/> (its backslash) undone into <paramref name="destination"/>, which has room
    /// for 4 bytes; adds what it wrote to <paramref name="written"/> and returns the index just past the escape, or -1
    /// for an invalid escape or a lone surrogate.
    /// </summary>
    private static int Unescape(ReadOnlySpan<byte> text, int at, Span<byte> destination, ref int written)
    {
        var i = at + 1;
        if (i >= text.Length)
        {
            return -1;
        }

        byte single;
        switch (text[i])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/': single = text[i]; break;
            case (byte)'b': single = (byte)'\b'; break;
            case (byte)'f': single = (byte)'\f'; break;
            case (byte)'n': single = (byte)'\n'; break;
            case (byte)'r': single = (byte)'\r'; break;
            case (byte)'t': single = (byte)'\t'; break;
            case (byte)'u':
                if (!TryHex4(text, i + 1, out var unit))
                {
                    return -1;
                }

                i += 4;
                int scalar = unit;
                if (char.IsHighSurrogate((char)unit))
                {
                    if (i + 6 >= text.Length || text[i + 1] != (byte)'\\' || text[i + 2] != (byte)'u'
                        || !TryHex4(text, i + 3, out var low) || !char.IsLowSurrogate((char)low))
                    {
                        return -1;
                    }

                    scalar = char.ConvertToUtf32((char)unit, (char)low);
                    i += 6;
                }
                else if (char.IsLowSurrogate((char)unit))
                {
                    return -1;
                }

                written += new System.Text.Rune(scalar).EncodeToUtf8(destination);
                return i + 1;
            default:
                return -1;
        }

        destination[0] = single;
        written++;
        return i + 1;
    }

    private static bool TryHex4(ReadOnlySpan<byte> text, int start, out int value)
    {
        value = 0;
        if (start + 4 > text.Length)
        {
            return false;
        }

        for (var k = start; k < start + 4; k++)
        {
            var lower = text[k] | 0x20;
            var digit = (uint)(text[k] - '0') <= 9 ? text[k] - '0' : (uint)(lower - 'a') <= 5 ? lower - 'a' + 10 : -1;
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }
}
