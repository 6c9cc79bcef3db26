namespace Snowferry.Snowflake.Values;

/// <summary>A column of a struct type; a NULL row holds <c>default</c>, so rows and values share their index.</summary>
internal abstract class ValueColumnBuffer<T> : ColumnBuffer, ITypedColumn<T>
    where T : struct
{
    private ChunkedList<T> _values = new();

    protected ValueColumnBuffer(SnowflakeColumn column)
        : base(column)
    {
    }

    protected override long ValueBytes => _values.AllocatedBytes;

    /// <summary>The values of rows <paramref name="start"/>.. that share one chunk (NULL rows hold <c>default</c>).</summary>
    public ReadOnlySpan<T> Segment(int start, int count) => _values.Segment(start, count);

    public T Get(int row) => IsNull(row)
        ? throw new InvalidCastException($"Column {Column.Name} is NULL in row {row}; read it as a nullable type.")
        : _values[row];

    public override object? GetBoxed(int row) => IsNull(row) ? null : _values[row];

    /// <summary>Stores a parsed value as the next row.</summary>
    protected bool TryAppendParsed<TParser>(ReadOnlySpan<byte> utf8)
        where TParser : ICellParser<T>
    {
        if (utf8.IsEmpty || !TParser.TryParse(utf8, out _values.Next()))
        {
            return false;
        }

        _values.Commit();
        AppendNotNull();
        return true;
    }

    protected sealed override void AppendNullValue() => _values.Add(default);

    protected sealed override void ReleaseValues() => _values.Release();
}

/// <summary>Parses a cell's UTF-8 text; a static method, so the column's loop calls it directly (no delegate per cell).</summary>
internal interface ICellParser<T>
{
    static abstract bool TryParse(ReadOnlySpan<byte> utf8, out T value);
}

/// <summary>A value column whose cells <typeparamref name="TParser"/> parses.</summary>
internal sealed class ValueColumnBuffer<T, TParser>(SnowflakeColumn column) : ValueColumnBuffer<T>(column)
    where T : struct
    where TParser : ICellParser<T>
{
    public override bool TryAppendText(ReadOnlySpan<byte> utf8) => TryAppendParsed<TParser>(utf8);
}

/// <summary>The <see cref="ICellParser{T}"/> of each value type, over <see cref="SnowflakeCellParser"/>.</summary>
internal static class CellParsers
{
    public readonly struct Real : ICellParser<double>
    {
        public static bool TryParse(ReadOnlySpan<byte> utf8, out double value) => SnowflakeCellParser.TryParseReal(utf8, out value);
    }

    public readonly struct Boolean : ICellParser<bool>
    {
        public static bool TryParse(ReadOnlySpan<byte> utf8, out bool value) => SnowflakeCellParser.TryParseBoolean(utf8, out value);
    }

    public readonly struct Date : ICellParser<DateOnly>
    {
        public static bool TryParse(ReadOnlySpan<byte> utf8, out DateOnly value) => SnowflakeCellParser.TryParseDate(utf8, out value);
    }

    public readonly struct Time : ICellParser<SnowflakeTime>
    {
        public static bool TryParse(ReadOnlySpan<byte> utf8, out SnowflakeTime value) => SnowflakeCellParser.TryParseTime(utf8, out value);
    }

    public readonly struct Timestamp : ICellParser<SnowflakeTimestamp>
    {
        public static bool TryParse(ReadOnlySpan<byte> utf8, out SnowflakeTimestamp value) => SnowflakeCellParser.TryParseTimestamp(utf8, out value);
    }

    public readonly struct TimestampTz : ICellParser<SnowflakeTimestamp>
    {
        public static bool TryParse(ReadOnlySpan<byte> utf8, out SnowflakeTimestamp value) => SnowflakeCellParser.TryParseTimestampTz(utf8, out value);
    }
}
