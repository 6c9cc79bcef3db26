using System.Buffers;
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
    private readonly JsonEncodedText[] _names;
    private readonly Utf8JsonWriter _json;

    public JsonTableWriter(OutputColumn[] schema, Stream destination, OutputWriterOptions options, bool array)
        : base(schema, destination, options)
    {
        _array = array;
        // Relaxed escaping keeps non-ASCII text readable; it still escapes quotes, backslashes and control characters.
        var encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        _names = [.. schema.Select(c => JsonEncodedText.Encode(c.Name, encoder))];
        // No validation: every row is one object of the schema's names, written by this class alone; the checks only
        // ever throw, so the bytes are the same without them (the golden files say so).
        _json = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = encoder, Indented = false, SkipValidation = true });
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
            Buffer.Write(outputRow == 0 ? "\n"u8 : ",\n"u8);
        }

        // One top-level value per Reset: each row is a value of its own (no comma before it).
        _json.Reset(Buffer);
        _json.WriteStartObject();
        for (var c = 0; c < Columns.Length; c++)
        {
            _json.WritePropertyName(_names[c]);
            WriteValue(batch, row, c, outputRow);
        }

        _json.WriteEndObject();
        _json.Flush();
        if (!_array)
        {
            Buffer.Write((byte)'\n');
        }
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
            _json.WriteNullValue();
            return;
        }

        var column = Columns[c];
        Span<byte> text = stackalloc byte[Utf8ValueFormatter.MaxLength];
        switch (column.Type)
        {
            case SnowflakeType.Fixed:
                var digits = Utf8ValueFormatter.FormatDecimal(batch.GetValue<SnowflakeDecimal>(row, c), text);
                _json.WriteRawValue(text[..digits], skipInputValidation: true);
                break;
            case SnowflakeType.Real:
                var real = batch.GetValue<double>(row, c);
                if (double.IsFinite(real))
                {
                    _json.WriteNumberValue(real);
                }
                else
                {
                    _json.WriteStringValue(text[..Utf8ValueFormatter.FormatReal(real, text)]);
                }

                break;
            case SnowflakeType.Boolean:
                _json.WriteBooleanValue(batch.GetValue<bool>(row, c));
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
                    _json.WriteStringValue(text[..Utf8ValueFormatter.Format(batch, row, c, column, text, outputRow)]);
                }
                else
                {
                    // The batch keeps text as its UTF-8: escaped from the bytes, no string per cell.
                    _json.WriteStringValue(((BytesColumnBuffer)batch.Buffer(c)).GetBytes(row));
                }

                break;
        }
    }

    private void WriteHex(ReadOnlySpan<byte> bytes)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, bytes.Length * 2));
        try
        {
            Convert.TryToHexString(bytes, rented, out var written);
            _json.WriteStringValue(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
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
            _json.WriteStringValue(text);
            return;
        }

        using (document)
        {
            // Re-written rather than copied raw: Snowflake pretty-prints semi-structured values over several lines.
            document.RootElement.WriteTo(_json);
        }
    }
}
