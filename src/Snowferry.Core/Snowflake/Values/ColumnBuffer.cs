using System.Text.Json;

namespace Snowferry.Snowflake.Values;

/// <summary>
/// One column of a batch, stored typed (no boxing, no string per cell) while the partition's JSON is read. Cells come
/// either as the raw bytes of an unescaped JSON string (<see cref="TryAppendText"/>, the decoder's fast path) or under a
/// <see cref="Utf8JsonReader"/> (<see cref="TryAppend"/>: escapes, bare numbers and booleans).
/// </summary>
internal abstract class ColumnBuffer
{
    private ChunkedList<bool> _nulls = new();

    protected ColumnBuffer(SnowflakeColumn column) => Column = column;

    public SnowflakeColumn Column { get; }

    public int Count => _nulls.Count;

    /// <summary>Bytes of the pooled chunks held.</summary>
    public long AllocatedBytes => _nulls.AllocatedBytes + ValueBytes;

    protected abstract long ValueBytes { get; }

    /// <summary>Whether a bare JSON number or boolean is read as the cell's text (binary takes only strings).</summary>
    protected virtual bool AcceptsBareTokens => true;

    /// <summary>Appends the cell under the reader (a string, null, or a bare number/boolean); false when it doesn't decode.</summary>
    public bool TryAppend(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                AppendNull();
                return true;
            case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Number when !AcceptsBareTokens:
                return false;
            case JsonTokenType.True:
                return TryAppendText("true"u8);
            case JsonTokenType.False:
                return TryAppendText("false"u8);
            case JsonTokenType.String or JsonTokenType.Number when !reader.ValueIsEscaped && !reader.HasValueSequence:
                return TryAppendText(reader.ValueSpan);
            case JsonTokenType.String or JsonTokenType.Number:
                return TryAppendEscaped(ref reader);
            default:
                return false;
        }
    }

    /// <summary>Appends a non-null cell from its text (the JSON string's content, already unescaped); false when it doesn't decode.</summary>
    public abstract bool TryAppendText(ReadOnlySpan<byte> utf8);

    public void AppendNull()
    {
        AppendNullValue();
        _nulls.Add(true);
    }

    public bool IsNull(int row) => _nulls[row];

    /// <summary>The null flags of rows <paramref name="start"/>.. that share one chunk (see <see cref="ChunkedList{T}.Segment"/>).</summary>
    public ReadOnlySpan<bool> NullSegment(int start, int count) => _nulls.Segment(start, count);

    public abstract object? GetBoxed(int row);

    /// <summary>Hands the chunks back to the pool: the batch is written and no one reads it again.</summary>
    public void Release()
    {
        _nulls.Release();
        ReleaseValues();
    }

    public static ColumnBuffer Create(SnowflakeColumn column) => column.Type switch
    {
        SnowflakeType.Fixed => new DecimalColumnBuffer(column),
        SnowflakeType.Real => new ValueColumnBuffer<double, CellParsers.Real>(column),
        SnowflakeType.Boolean => new ValueColumnBuffer<bool, CellParsers.Boolean>(column),
        SnowflakeType.Date => new ValueColumnBuffer<DateOnly, CellParsers.Date>(column),
        SnowflakeType.Time => new ValueColumnBuffer<SnowflakeTime, CellParsers.Time>(column),
        SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz =>
            new ValueColumnBuffer<SnowflakeTimestamp, CellParsers.Timestamp>(column),
        SnowflakeType.TimestampTz => new ValueColumnBuffer<SnowflakeTimestamp, CellParsers.TimestampTz>(column),
        SnowflakeType.Binary => new BinaryColumnBuffer(column),
        _ => new TextColumnBuffer(column),
    };

    /// <summary>Records a non-null cell once its value is stored.</summary>
    protected void AppendNotNull() => _nulls.Add(false);

    protected abstract void AppendNullValue();

    protected abstract void ReleaseValues();

    /// <summary>A string or number with escapes: unescaped into a scratch buffer (wire cells never need them, but JSON allows them).</summary>
    protected virtual bool TryAppendEscaped(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var rented = length <= 256 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> scratch = rented ?? stackalloc byte[256];
            var written = reader.CopyString(scratch);
            return TryAppendText(scratch[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

/// <summary>A column read as its own CLR type, without boxing; NULL throws for value types, is null for references.</summary>
internal interface ITypedColumn<out T>
{
    T Get(int row);
}
