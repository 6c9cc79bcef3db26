using System.Text.Json;

using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>One column of a batch, stored typed (no boxing) while the partition's JSON is read.</summary>
internal abstract class BaselineColumnBuffer
{
    protected BaselineColumnBuffer(SnowflakeColumn column) => Column = column;

    public SnowflakeColumn Column { get; }

    public abstract int Count { get; }

    /// <summary>Appends the cell under the reader (a string, null, or a bare number/boolean); false when it doesn't decode.</summary>
    public abstract bool TryAppend(ref Utf8JsonReader reader);

    public abstract bool IsNull(int row);

    public abstract object? GetBoxed(int row);

    public static BaselineColumnBuffer Create(SnowflakeColumn column) => column.Type switch
    {
        SnowflakeType.Fixed => new BaselineDecimalColumnBuffer(column),
        SnowflakeType.Real => new BaselineValueColumnBuffer<double>(column, BaselineCellParser.TryParseReal),
        SnowflakeType.Boolean => new BaselineValueColumnBuffer<bool>(column, BaselineCellParser.TryParseBoolean),
        SnowflakeType.Date => new BaselineValueColumnBuffer<DateOnly>(column, BaselineCellParser.TryParseDate),
        SnowflakeType.Time => new BaselineValueColumnBuffer<SnowflakeTime>(column, BaselineCellParser.TryParseTime),
        SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz =>
            new BaselineValueColumnBuffer<SnowflakeTimestamp>(column, BaselineCellParser.TryParseTimestamp),
        SnowflakeType.TimestampTz =>
            new BaselineValueColumnBuffer<SnowflakeTimestamp>(column, BaselineCellParser.TryParseTimestampTz),
        SnowflakeType.Binary => new BaselineBinaryColumnBuffer(column),
        _ => new BaselineStringColumnBuffer(column),
    };
}

/// <summary>A column read as its own CLR type, without boxing; NULL throws for value types, is null for references.</summary>
internal interface IBaselineTypedColumn<out T>
{
    T Get(int row);
}

/// <summary>Parses a cell's UTF-8 text into a value.</summary>
internal delegate bool BaselineUtf8CellParser<T>(ReadOnlySpan<byte> utf8, out T value);

/// <summary>A column of a struct type with a null mask.</summary>
internal class BaselineValueColumnBuffer<T> : BaselineColumnBuffer, IBaselineTypedColumn<T>
    where T : struct
{
    private readonly BaselineUtf8CellParser<T>? _parser;
    private BaselineChunkedList<T> _values = new();
    private BaselineChunkedList<bool> _nulls = new();

    public BaselineValueColumnBuffer(SnowflakeColumn column, BaselineUtf8CellParser<T>? parser)
        : base(column)
    {
        _parser = parser;
    }

    public override int Count => _nulls.Count;

    public override bool TryAppend(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            _values.Add(default);
            _nulls.Add(true);
            return true;
        }

        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False))
        {
            return false;
        }

        ReadOnlySpan<byte> bytes;
        if (reader.TokenType == JsonTokenType.True)
        {
            bytes = "true"u8;
        }
        else if (reader.TokenType == JsonTokenType.False)
        {
            bytes = "false"u8;
        }
        else if (reader.ValueIsEscaped)
        {
            // Wire cells never need escapes, but a \u0030 is still valid JSON: unescape rather than reject.
            bytes = System.Text.Encoding.UTF8.GetBytes(reader.GetString() ?? "");
        }
        else
        {
            bytes = reader.ValueSpan;
        }

        if (bytes.IsEmpty || !TryParse(bytes, out _values.Next()))
        {
            return false;
        }

        _values.Commit();
        _nulls.Add(false);
        return true;
    }

    public override bool IsNull(int row) => _nulls[row];

    public T Get(int row) => _nulls[row]
        ? throw new InvalidCastException($"Column {Column.Name} is NULL in row {row}; read it as a nullable type.")
        : _values[row];

    public override object? GetBoxed(int row) => _nulls[row] ? null : _values[row];

    protected virtual bool TryParse(ReadOnlySpan<byte> utf8, out T value)
    {
        value = default;
        return _parser is not null && _parser(utf8, out value);
    }
}

/// <summary>NUMBER cells, brought to the column's scale so a column's values share one scale.</summary>
internal sealed class BaselineDecimalColumnBuffer(SnowflakeColumn column)
    : BaselineValueColumnBuffer<SnowflakeDecimal>(column, null)
{
    protected override bool TryParse(ReadOnlySpan<byte> utf8, out SnowflakeDecimal value)
    {
        if (!BaselineDecimal.TryParse(utf8, out value))
        {
            return false;
        }

        if (Column.Scale is { } scale && scale > value.Scale && scale <= SnowflakeDecimal.MaxScale)
        {
            try
            {
                value = BaselineDecimal.WithScale(value, scale);
            }
            catch (OverflowException)
            {
                // More digits than NUMBER(38, scale) holds: keep the text's own scale rather than fail.
            }
        }

        return true;
    }
}

/// <summary>Text-like cells (text, decfloat, semi-structured JSON, geo): kept as strings.</summary>
internal sealed class BaselineStringColumnBuffer(SnowflakeColumn column) : BaselineColumnBuffer(column), IBaselineTypedColumn<string?>
{
    private BaselineChunkedList<string?> _values = new();

    public override int Count => _values.Count;

    public override bool TryAppend(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                _values.Add(null);
                return true;
            case JsonTokenType.String:
                _values.Add(reader.GetString());
                return true;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                _values.Add(reader.TokenType switch
                {
                    JsonTokenType.True => "true",
                    JsonTokenType.False => "false",
                    _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                });
                return true;
            default:
                return false;
        }
    }

    public override bool IsNull(int row) => Get(row) is null;

    public string? Get(int row) => _values[row];

    public override object? GetBoxed(int row) => Get(row);
}

/// <summary>Binary cells: hex text decoded to bytes.</summary>
internal sealed class BaselineBinaryColumnBuffer(SnowflakeColumn column) : BaselineColumnBuffer(column), IBaselineTypedColumn<byte[]?>
{
    private BaselineChunkedList<byte[]?> _values = new();

    public override int Count => _values.Count;

    public override bool TryAppend(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            _values.Add(null);
            return true;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence
            || !BaselineCellParser.TryParseHex(reader.ValueSpan, out var bytes))
        {
            return false;
        }

        _values.Add(bytes);
        return true;
    }

    public override bool IsNull(int row) => Get(row) is null;

    public byte[]? Get(int row) => _values[row];

    public override object? GetBoxed(int row) => Get(row);
}
