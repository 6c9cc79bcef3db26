using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Snowferry.Snowflake.Values;

/// <summary>
/// Text-like cells (text, decfloat, semi-structured JSON, geo, types snowferry does not know) as their UTF-8 bytes, or
/// binary cells as the bytes their hex text stands for. A string or array is made only when a caller asks for one.
/// </summary>
internal abstract class BytesColumnBuffer : ColumnBuffer
{
    private readonly bool _binary;
    private ChunkedList<ByteRange> _ranges = new();
    private ChunkedBytes _bytes = new();

    protected BytesColumnBuffer(SnowflakeColumn column, bool binary)
        : base(column)
    {
        _binary = binary;
    }

    protected override long ValueBytes => _ranges.AllocatedBytes + _bytes.AllocatedBytes;

    /// <summary>The bytes of a non-null cell (UTF-8 text, or the binary value); empty for NULL.</summary>
    public ReadOnlySpan<byte> GetBytes(int row) => _bytes[_ranges[row]];

    /// <summary>Bytes of the values of rows <paramref name="start"/>..+<paramref name="count"/> (NULL counts none).</summary>
    public long LengthSum(int start, int count)
    {
        long total = 0;
        for (var done = 0; done < count;)
        {
            var ranges = _ranges.Segment(start + done, count - done);
            foreach (var range in ranges)
            {
                total += range.Length;
            }

            done += ranges.Length;
        }

        return total;
    }

    public override object? GetBoxed(int row) =>
        IsNull(row) ? null : _binary ? GetBytes(row).ToArray() : Encoding.UTF8.GetString(GetBytes(row));

    public override bool TryAppendText(ReadOnlySpan<byte> utf8)
    {
        if (_binary)
        {
            var destination = _bytes.Reserve(utf8.Length / 2);
            if (!SnowflakeCellParser.TryParseHex(utf8, destination))
            {
                return false;
            }

            _ranges.Add(_bytes.Commit(destination.Length));
        }
        else
        {
            // Text is handed on as bytes (Parquet STRING, CSV, JSON), so it must be UTF-8 as JSON text is.
            if (!Utf8.IsValid(utf8))
            {
                return false;
            }

            _ranges.Add(_bytes.Add(utf8));
        }

        AppendNotNull();
        return true;
    }

    protected override bool AcceptsBareTokens => !_binary;

    protected override bool TryAppendEscaped(ref Utf8JsonReader reader)
    {
        if (_binary)
        {
            // Hex never needs an escape; an escaped cell is not what Snowflake sends for binary.
            return false;
        }

        // Unescaped UTF-8 is never longer than its escaped form.
        var destination = _bytes.Reserve(reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length);
        var written = reader.CopyString(destination);
        _ranges.Add(_bytes.Commit(written));
        AppendNotNull();
        return true;
    }

    protected override void AppendNullValue() => _ranges.Add(default);

    protected override void ReleaseValues()
    {
        _ranges.Release();
        _bytes.Release();
    }
}

/// <summary>Text-like cells as UTF-8.</summary>
internal sealed class TextColumnBuffer(SnowflakeColumn column) : BytesColumnBuffer(column, binary: false), ITypedColumn<string?>
{
    public string? Get(int row) => IsNull(row) ? null : Encoding.UTF8.GetString(GetBytes(row));
}

/// <summary>Binary cells: hex text decoded to bytes.</summary>
internal sealed class BinaryColumnBuffer(SnowflakeColumn column) : BytesColumnBuffer(column, binary: true), ITypedColumn<byte[]?>
{
    public byte[]? Get(int row) => IsNull(row) ? null : GetBytes(row).ToArray();
}
