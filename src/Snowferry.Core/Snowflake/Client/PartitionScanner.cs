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
internal static partial class PartitionScanner
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
