using System.Buffers;
using Snowferry.Snowflake.Values;

namespace Snowferry.Snowflake.Client;

/// <summary>
/// The decoder's fast path over a <c>data</c> array as Snowflake writes it: rows of cells that are JSON strings without
/// escapes, or <c>null</c>. It finds each cell's bytes with one vectorized search and hands them to the column's parser,
/// where <see cref="System.Text.Json.Utf8JsonReader"/> spent ~25% of a partition's decode on its token state machine.
/// Anything else (an escape, a bare number, a wrong cell count, a cell that does not parse) makes it give up, and the
/// general reader decodes the partition from the start: same values, same errors.
/// </summary>
internal static class PartitionScanner
{
    /// <summary>What ends a plain string: its closing quote, an escape, or a control character (invalid in JSON).</summary>
    private static readonly SearchValues<byte> s_stringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    /// <summary>
    /// Decodes the array starting at <paramref name="start"/> (its <c>[</c>) into <paramref name="buffers"/>; the index
    /// just past its <c>]</c>, or -1 when the general reader must do it (the buffers then hold a partial decode).
    /// </summary>
    public static int TryScan(ReadOnlySpan<byte> json, int start, ColumnBuffer[] buffers, int? expectedRows, out int rows)
    {
        byte[]? scratch = null;
        try
        {
            return Scan(json, start, buffers, expectedRows, out rows, ref scratch);
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private static int Scan(ReadOnlySpan<byte> json, int start, ColumnBuffer[] buffers, int? expectedRows, out int rows, ref byte[]? scratch)
    {
        rows = 0;
        var columns = buffers.Length;
        if (columns == 0 || start >= json.Length || json[start] != (byte)'[')
        {
            return -1;
        }

        Span<bool> isText = columns <= 256 ? stackalloc bool[columns] : new bool[columns];
        for (var c = 0; c < columns; c++)
        {
            isText[c] = buffers[c] is BytesColumnBuffer;
        }

        var p = SkipSpace(json, start + 1);
        if (p < json.Length && json[p] == (byte)']')
        {
            return expectedRows is null or 0 ? p + 1 : -1;
        }

        while (true)
        {
            if (p >= json.Length || json[p] != (byte)'[')
            {
                return -1;
            }

            p++;
            for (var c = 0; c < columns; c++)
            {
                if (p < json.Length && json[p] <= (byte)' ')
                {
                    p = SkipSpace(json, p);
                }

                if (p >= json.Length)
                {
                    return -1;
                }

                if (json[p] == (byte)'"')
                {
                    var rest = json[(p + 1)..];
                    // A number, date or time cell ends at the first quote: an escape or a control character in it
                    // fails its parse, and the general reader then judges the cell. Text needs every stop.
                    var length = isText[c] ? FindStringStop(rest) : rest.IndexOf((byte)'"');
                    if (length < 0)
                    {
                        return -1;
                    }

                    if (rest[length] == (byte)'"')
                    {
                        if (!buffers[c].TryAppendText(rest[..length]))
                        {
                            return -1;
                        }
                    }
                    else if (rest[length] != (byte)'\\' || (length = AppendEscaped(rest, length, buffers[c], ref scratch)) < 0)
                    {
                        return -1;
                    }

                    p += length + 2;
                }
                else if (json[p] == (byte)'n' && json[p..].StartsWith("null"u8))
                {
                    buffers[c].AppendNull();
                    p += 4;
                }
                else
                {
                    return -1;
                }

                if (p < json.Length && json[p] <= (byte)' ')
                {
                    p = SkipSpace(json, p);
                }

                if (p >= json.Length || json[p] != (c < columns - 1 ? (byte)',' : (byte)']'))
                {
                    return -1;
                }

                p++;
            }

            rows++;
            p = SkipSpace(json, p);
            if (p >= json.Length)
            {
                return -1;
            }

            if (json[p] == (byte)']')
            {
                return expectedRows is { } expected && expected != rows ? -1 : p + 1;
            }

            if (json[p] != (byte)',')
            {
                return -1;
            }

            p = SkipSpace(json, p + 1);
        }
    }

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

    /// <summary>
    /// The index of the first quote, backslash or control byte: a byte loop over a cell's first bytes (most cells are
    /// a few digits, where a vector search costs more than it saves), a vectorized search past them.
    /// </summary>
    private static int FindStringStop(ReadOnlySpan<byte> text)
    {
        var head = Math.Min(text.Length, 24);
        for (var i = 0; i < head; i++)
        {
            var b = text[i];
            if (b == (byte)'"' || b == (byte)'\\' || b < (byte)' ')
            {
                return i;
            }
        }

        if (head == text.Length)
        {
            return -1;
        }

        var found = text[head..].IndexOfAny(s_stringStops);
        return found < 0 ? -1 : head + found;
    }

    /// <summary>True when only whitespace and the closing brace of the body's object follow <paramref name="index"/>.</summary>
    public static bool EndsObject(ReadOnlySpan<byte> json, int index)
    {
        var p = SkipSpace(json, index);
        return p < json.Length && json[p] == (byte)'}' && SkipSpace(json, p + 1) == json.Length;
    }

    private static int SkipSpace(ReadOnlySpan<byte> json, int p)
    {
        while (p < json.Length && json[p] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            p++;
        }

        return p;
    }
}
