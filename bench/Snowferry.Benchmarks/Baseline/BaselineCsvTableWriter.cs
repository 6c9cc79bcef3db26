using System.Buffers;
using System.Text;
using Snowferry.Output;
using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>
/// RFC 4180 CSV in UTF-8 without BOM: a header row of the column names, comma separated, CRLF line ends; a field is
/// quoted when it holds a comma, quote, CR or LF (quotes doubled). NULL is an empty field and an empty string is
/// <c>""</c>, so the two stay apart. Scalars use <see cref="BaselineValueFormatter"/>, binary is upper-case hex (Snowflake's
/// default BINARY_OUTPUT_FORMAT), semi-structured values their JSON text.
/// </summary>
internal sealed class BaselineCsvTableWriter(OutputColumn[] schema, Stream destination, OutputWriterOptions options)
    : BaselineTextTableWriter(schema, destination, options)
{
    private static readonly SearchValues<char> s_needsQuotes = SearchValues.Create(",\"\r\n");

    protected override void WriteHeader()
    {
        for (var c = 0; c < Columns.Length; c++)
        {
            if (c > 0)
            {
                Buffer.Write((byte)',');
            }

            WriteText(Columns[c].Name);
        }

        Buffer.Write("\r\n"u8);
    }

    protected override void WriteRow(BaselineRowBatch batch, int row, long outputRow)
    {
        for (var c = 0; c < Columns.Length; c++)
        {
            if (c > 0)
            {
                Buffer.Write((byte)',');
            }

            if (batch.IsNull(row, c))
            {
                continue;
            }

            var column = Columns[c];
            if (BaselineValueFormatter.IsScalar(column.Type))
            {
                // No scalar text holds a comma, quote or line break, so none needs quoting.
                var span = Buffer.GetSpan(BaselineValueFormatter.MaxLength);
                Buffer.Advance(BaselineValueFormatter.Format(batch, row, c, column, span, outputRow));
            }
            else if (column.Type == SnowflakeType.Binary)
            {
                var bytes = batch.GetValue<byte[]>(row, c);
                if (bytes.Length == 0)
                {
                    // Empty, not NULL: quoted like an empty string.
                    Buffer.Write("\"\""u8);
                    continue;
                }

                var span = Buffer.GetSpan(bytes.Length * 2);
                Convert.TryToHexString(bytes, span, out var written);
                Buffer.Advance(written);
            }
            else
            {
                WriteText(batch.GetValue<string>(row, c));
            }
        }

        Buffer.Write("\r\n"u8);
    }

    protected override void WriteFooter(long rows)
    {
    }

    private void WriteText(string text)
    {
        if (text.Length == 0)
        {
            Buffer.Write("\"\""u8);
            return;
        }

        if (text.AsSpan().IndexOfAny(s_needsQuotes) < 0)
        {
            WriteUtf8(text);
            return;
        }

        Buffer.Write((byte)'"');
        var rest = text.AsSpan();
        int quote;
        while ((quote = rest.IndexOf('"')) >= 0)
        {
            WriteUtf8(rest[..(quote + 1)]);
            Buffer.Write((byte)'"');
            rest = rest[(quote + 1)..];
        }

        WriteUtf8(rest);
        Buffer.Write((byte)'"');
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        var span = Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
