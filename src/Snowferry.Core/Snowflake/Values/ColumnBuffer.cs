using System.Text.Json;

namespace Snowferry.Snowflake;

/// <summary>One column of a batch, stored typed (no boxing) while the partition's JSON is read.</summary>
internal abstract class ColumnBuffer
{
    protected ColumnBuffer(SnowflakeColumn column) => Column = column;

    public SnowflakeColumn Column { get; }

    public abstract int Count { get; }

    /// <summary>Appends the cell under the reader (a string, null, or a bare number/boolean); false when it doesn't decode.</summary>
    public abstract bool TryAppend(ref Utf8JsonReader reader);

    public abstract bool IsNull(int row);

    public abstract object? GetBoxed(int row);

    public static ColumnBuffer Create(SnowflakeColumn column, int capacity) => column.Type switch
    {
        SnowflakeType.Fixed => new DecimalColumnBuffer(column, capacity),
        SnowflakeType.Real => new ValueColumnBuffer<double>(column, capacity, SnowflakeCellParser.TryParseReal),
        SnowflakeType.Boolean => new ValueColumnBuffer<bool>(column, capacity, SnowflakeCellParser.TryParseBoolean),
        SnowflakeType.Date => new ValueColumnBuffer<DateOnly>(column, capacity, SnowflakeCellParser.TryParseDate),
        SnowflakeType.Time => new ValueColumnBuffer<SnowflakeTime>(column, capacity, SnowflakeCellParser.TryParseTime),
        SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz =>
            new ValueColumnBuffer<SnowflakeTimestamp>(column, capacity, SnowflakeCellParser.TryParseTimestamp),
        SnowflakeType.TimestampTz =>
            new ValueColumnBuffer<SnowflakeTimestamp>(column, capacity, SnowflakeCellParser.TryParseTimestampTz),
        SnowflakeType.Binary => new BinaryColumnBuffer(column, capacity),
        _ => new StringColumnBuffer(column, capacity),
    };

    protected static T[] Grow<T>(T[] array, int needed)
    {
        if (needed <= array.Length)
        {
            return array;
        }

        Array.Resize(ref array, Math.Max(needed, Math.Max(16, array.Length * 2)));
        return array;
    }
}

/// <summary>A column read as its own CLR type, without boxing; NULL throws for value types, is null for references.</summary>
internal interface ITypedColumn<out T>
{
    T Get(int row);
}

/// <summary>Parses a cell's UTF-8 text into a value.</summary>
internal delegate bool Utf8CellParser<T>(ReadOnlySpan<byte> utf8, out T value);

/// <summary>A column of a struct type with a null mask.</summary>
internal class ValueColumnBuffer<T> : ColumnBuffer, ITypedColumn<T>
    where T : struct
{
    private readonly Utf8CellParser<T>? _parser;
    private T[] _values;
    private bool[] _nulls;
    private int _count;

    public ValueColumnBuffer(SnowflakeColumn column, int capacity, Utf8CellParser<T>? parser)
        : base(column)
    {
        _parser = parser;
        _values = new T[capacity];
        _nulls = new bool[capacity];
    }

    public override int Count => _count;

    public override bool TryAppend(ref Utf8JsonReader reader)
    {
        _values = Grow(_values, _count + 1);
        _nulls = Grow(_nulls, _count + 1);
        if (reader.TokenType == JsonTokenType.Null)
        {
            _nulls[_count++] = true;
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

        if (bytes.IsEmpty || !TryParse(bytes, out _values[_count]))
        {
            return false;
        }

        _count++;
        return true;
    }

    public override bool IsNull(int row) => _nulls[CheckRow(row)];

    public T Get(int row) => _nulls[CheckRow(row)]
        ? throw new InvalidCastException($"Column {Column.Name} is NULL in row {row}; read it as a nullable type.")
        : _values[row];

    public override object? GetBoxed(int row) => _nulls[CheckRow(row)] ? null : _values[row];

    protected virtual bool TryParse(ReadOnlySpan<byte> utf8, out T value)
    {
        value = default;
        return _parser is not null && _parser(utf8, out value);
    }

    private int CheckRow(int row) => (uint)row < (uint)_count ? row : throw new ArgumentOutOfRangeException(nameof(row));
}

/// <summary>NUMBER cells, brought to the column's scale so a column's values share one scale.</summary>
internal sealed class DecimalColumnBuffer(SnowflakeColumn column, int capacity)
    : ValueColumnBuffer<SnowflakeDecimal>(column, capacity, null)
{
    protected override bool TryParse(ReadOnlySpan<byte> utf8, out SnowflakeDecimal value)
    {
        if (!SnowflakeDecimal.TryParse(utf8, out value))
        {
            return false;
        }

        if (Column.Scale is { } scale && scale > value.Scale && scale <= SnowflakeDecimal.MaxScale)
        {
            try
            {
                value = value.WithScale(scale);
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
internal sealed class StringColumnBuffer(SnowflakeColumn column, int capacity) : ColumnBuffer(column), ITypedColumn<string?>
{
    private string?[] _values = new string?[capacity];
    private int _count;

    public override int Count => _count;

    public override bool TryAppend(ref Utf8JsonReader reader)
    {
        _values = Grow(_values, _count + 1);
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                _values[_count++] = null;
                return true;
            case JsonTokenType.String:
                _values[_count++] = reader.GetString();
                return true;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                _values[_count++] = reader.TokenType switch
                {
                    JsonTokenType.True => "true",
                    JsonTokenType.False => "false",
                    _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                };
                return true;
            default:
                return false;
        }
    }

    public override bool IsNull(int row) => Get(row) is null;

    public string? Get(int row) => (uint)row < (uint)_count ? _values[row] : throw new ArgumentOutOfRangeException(nameof(row));

    public override object? GetBoxed(int row) => Get(row);
}

/// <summary>Binary cells: hex text decoded to bytes.</summary>
internal sealed class BinaryColumnBuffer(SnowflakeColumn column, int capacity) : ColumnBuffer(column), ITypedColumn<byte[]?>
{
    private byte[]?[] _values = new byte[]?[capacity];
    private int _count;

    public override int Count => _count;

    public override bool TryAppend(ref Utf8JsonReader reader)
    {
        _values = Grow(_values, _count + 1);
        if (reader.TokenType == JsonTokenType.Null)
        {
            _values[_count++] = null;
            return true;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence
            || !SnowflakeCellParser.TryParseHex(reader.ValueSpan, out var bytes))
        {
            return false;
        }

        _values[_count++] = bytes;
        return true;
    }

    public override bool IsNull(int row) => Get(row) is null;

    public byte[]? Get(int row) => (uint)row < (uint)_count ? _values[row] : throw new ArgumentOutOfRangeException(nameof(row));

    public override object? GetBoxed(int row) => Get(row);
}
