using System.Text.Encodings.Web;
using System.Text.Json;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Output.Internal;

/// <summary>
/// JSON Lines (one object per line, LF) or one JSON array (an object per line between <c>[</c> and <c>]</c>; <c>[]</c>
/// when empty), UTF-8 without BOM, keys the schema's names in order. Decimals are exact JSON numbers written from their
/// own digits, never through a double; NULL is null; dates, times and timestamps are ISO 8601 strings; doubles are
/// numbers except NaN/Infinity/-Infinity, which JSON lacks, as strings; binary is upper-case hex; semi-structured
/// values are embedded as JSON (minified), or kept as a string when their text is not JSON.
/// </summary>
internal sealed class JsonTableWriter : TextTableWriter
{
    private readonly bool _array;
    private readonly JavaScriptEncoder _encoder;
    private readonly byte[][] _names;
    private readonly Utf8JsonWriter _json;

    public JsonTableWriter(OutputColumn[] schema, Stream destination, OutputWriterOptions options, bool array)
        : base(schema, destination, options)
    {
        _array = array;
        // Relaxed escaping keeps non-ASCII text readable; it still escapes quotes, backslashes and control characters.
        _encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        // Each key as the bytes that precede its value ("NAME":), escaped once. Rows are written straight into the
        // buffer; Utf8JsonWriter (same encoder) writes only what needs its escaping or parsing, one value at a time.
        _names = [.. schema.Select(c => (byte[])[(byte)'"', .. JsonEncodedText.Encode(c.Name, _encoder).EncodedUtf8Bytes, (byte)'"', (byte)':'])];
        // No validation: it only ever throws, and each value it writes is a top-level value of its own after Reset.
        _json = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = _encoder, Indented = false, SkipValidation = true });
    }

    protected override void WriteHeader()
    {
        if (_array)
        {
            Buffer.Write((byte)'[');
        }
    }

    protected override void WriteRow(SnowflakeRowBatch batch, int row, long outputRow)
    {
        if (_array)
        {
            Buffer.Write(outputRow == 0 ? "\n{"u8 : ",\n{"u8);
        }
        else
        {
            Buffer.Write((byte)'{');
        }

        for (var c = 0; c < Columns.Length; c++)
        {
            if (c > 0)
            {
                Buffer.Write((byte)',');
            }

            Buffer.Write(_names[c]);
            WriteValue(batch, row, c, outputRow);
        }

        Buffer.Write(_array ? "}"u8 : "}\n"u8);
    }

    protected override void WriteFooter(long rows)
    {
        if (_array)
        {
            Buffer.Write(rows == 0 ? "]\n"u8 : "\n]\n"u8);
        }
    }

    protected override void ReleaseResources() => _json.Dispose();

    private void WriteValue(SnowflakeRowBatch batch, int row, int c, long outputRow)
    {
        if (batch.IsNull(row, c))
        {
            Buffer.Write("null"u8);
            return;
        }

        var column = Columns[c];
        switch (column.Type)
        {
            case SnowflakeType.Fixed:
                // An exact JSON number from the decimal's own digits, never through a double.
                Buffer.Advance(Utf8ValueFormatter.FormatDecimal(batch.GetValue<SnowflakeDecimal>(row, c), Buffer.GetSpan(Utf8ValueFormatter.MaxLength)));
                break;
            case SnowflakeType.Real:
                var real = batch.GetValue<double>(row, c);
                var span = Buffer.GetSpan(Utf8ValueFormatter.MaxLength + 2);
                if (double.IsFinite(real))
                {
                    Buffer.Advance(Utf8ValueFormatter.FormatReal(real, span));
                }
                else
                {
                    // JSON has no NaN or Infinity: their names as strings.
                    span[0] = (byte)'"';
                    var length = Utf8ValueFormatter.FormatReal(real, span[1..]);
                    span[length + 1] = (byte)'"';
                    Buffer.Advance(length + 2);
                }

                break;
            case SnowflakeType.Boolean:
                Buffer.Write(batch.GetValue<bool>(row, c) ? "true"u8 : "false"u8);
                break;
            case SnowflakeType.Binary:
                WriteHex(((BytesColumnBuffer)batch.Buffer(c)).GetBytes(row));
                break;
            case SnowflakeType.Variant or SnowflakeType.Object or SnowflakeType.Array or SnowflakeType.Map or SnowflakeType.Vector:
                WriteEmbeddedJson(batch.GetValue<string>(row, c));
                break;
            default:
                if (Utf8ValueFormatter.IsScalar(column.Type))
                {
                    Span<byte> text = stackalloc byte[Utf8ValueFormatter.MaxLength];
                    WriteString(text[..Utf8ValueFormatter.Format(batch, row, c, column, text, outputRow)]);
                }
                else
                {
                    // The batch keeps text as its UTF-8: escaped from the bytes, no string per cell.
                    WriteString(((BytesColumnBuffer)batch.Buffer(c)).GetBytes(row));
                }

                break;
        }
    }

    /// <summary>
    /// A JSON string: as it is between quotes when the encoder would leave every byte alone (what Utf8JsonWriter itself
    /// checks first), else through Utf8JsonWriter for the escaping, so the bytes are the same either way.
    /// </summary>
    private void WriteString(ReadOnlySpan<byte> utf8)
    {
        if (_encoder.FindFirstCharacterToEncodeUtf8(utf8) < 0)
        {
            var span = Buffer.GetSpan(utf8.Length + 2);
            span[0] = (byte)'"';
            utf8.CopyTo(span[1..]);
            span[utf8.Length + 1] = (byte)'"';
            Buffer.Advance(utf8.Length + 2);
            return;
        }

        _json.Reset(Buffer);
        _json.WriteStringValue(utf8);
        _json.Flush();
    }

    private void WriteHex(ReadOnlySpan<byte> bytes)
    {
        // Upper-case hex digits never need escaping.
        var span = Buffer.GetSpan((bytes.Length * 2) + 2);
        span[0] = (byte)'"';
        Convert.TryToHexString(bytes, span[1..], out var written);
        span[written + 1] = (byte)'"';
        Buffer.Advance(written + 2);
    }

    private void WriteEmbeddedJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            _json.Reset(Buffer);
            _json.WriteStringValue(text);
            _json.Flush();
            return;
        }

        using (document)
        {
            // Re-written rather than copied raw: Snowflake pretty-prints semi-structured values over several lines.
            _json.Reset(Buffer);
            document.RootElement.WriteTo(_json);
            _json.Flush();
        }
    }
}
