using System.Numerics;
using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>
/// The decoded rows of one result partition, stored column by column with typed values. The CLR type of a column
/// follows <see cref="SnowflakeColumn.Type"/>: fixed → <see cref="SnowflakeDecimal"/>, real → <see cref="double"/>,
/// boolean → <see cref="bool"/>, date → <see cref="DateOnly"/>, time → <see cref="SnowflakeTime"/>, timestamps →
/// <see cref="SnowflakeTimestamp"/>, binary → a <see cref="byte"/> array, every other type → <see cref="string"/>.
/// </summary>
public sealed class BaselineRowBatch
{
    private readonly BaselineColumnBuffer[] _buffers;

    internal BaselineRowBatch(IReadOnlyList<SnowflakeColumn> columns, BaselineColumnBuffer[] buffers, int rowCount, int partitionIndex, long firstRowIndex)
    {
        Columns = columns;
        _buffers = buffers;
        RowCount = rowCount;
        PartitionIndex = partitionIndex;
        FirstRowIndex = firstRowIndex;
    }

    /// <summary>The result's columns, in order.</summary>
    public IReadOnlyList<SnowflakeColumn> Columns { get; }

    /// <summary>Rows in this batch.</summary>
    public int RowCount { get; }

    /// <summary>Zero-based partition the rows came from.</summary>
    public int PartitionIndex { get; }

    /// <summary>Zero-based index, within the whole result, of this batch's first row.</summary>
    public long FirstRowIndex { get; }

    /// <summary>The value of a cell, boxed; null for SQL NULL.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Row or column out of range.</exception>
    public object? this[int row, int column] => Buffer(column).GetBoxed(row);

    /// <summary>True when the cell is SQL NULL.</summary>
    public bool IsNull(int row, int column) => Buffer(column).IsNull(row);

    /// <summary>
    /// The value of a cell as <typeparamref name="T"/>, without boxing when <typeparamref name="T"/> is the column's
    /// own type. NULL reads as null for reference and nullable types. Also converts fixed to <see cref="decimal"/>,
    /// <see cref="long"/>, <see cref="int"/>, <see cref="double"/> and <see cref="BigInteger"/>; timestamps to
    /// <see cref="DateTimeOffset"/> and <see cref="DateTime"/>; time to <see cref="TimeOnly"/> and <see cref="TimeSpan"/>.
    /// </summary>
    /// <exception cref="InvalidCastException">NULL read as a non-nullable value type, or no such conversion.</exception>
    /// <exception cref="OverflowException">A number does not fit <typeparamref name="T"/>.</exception>
    public T GetValue<T>(int row, int column)
    {
        var buffer = Buffer(column);
        if (buffer is IBaselineTypedColumn<T> typed)
        {
            return typed.Get(row);
        }

        var boxed = buffer.GetBoxed(row);
        if (boxed is null)
        {
            return default(T) is null
                ? default!
                : throw new InvalidCastException($"Column {buffer.Column.Name} is NULL in row {row}; read it as a nullable type.");
        }

        if (boxed is T same)
        {
            return same;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert(boxed, target, buffer.Column);
    }

    private static object Convert(object value, Type target, SnowflakeColumn column) => value switch
    {
        SnowflakeDecimal d when target == typeof(decimal) => d.ToDecimal(),
        SnowflakeDecimal d when target == typeof(double) => (double)d,
        SnowflakeDecimal d when target == typeof(BigInteger) => ExactInteger(d, column),
        SnowflakeDecimal d when target == typeof(long) => (long)ExactInteger(d, column),
        SnowflakeDecimal d when target == typeof(int) => (int)ExactInteger(d, column),
        SnowflakeTimestamp t when target == typeof(DateTimeOffset) => t.ToDateTimeOffset(),
        SnowflakeTimestamp t when target == typeof(DateTime) => t.ToDateTime(),
        SnowflakeTime t when target == typeof(TimeOnly) => t.ToTimeOnly(),
        SnowflakeTime t when target == typeof(TimeSpan) => t.ToTimeSpan(),
        _ => throw new InvalidCastException(
            $"Column {column.Name} ({column.WireType}) holds {value.GetType().Name}, not {target.Name}."),
    };

    private static BigInteger ExactInteger(SnowflakeDecimal value, SnowflakeColumn column)
    {
        try
        {
            return (BigInteger)value.WithScale(0);
        }
        catch (OverflowException)
        {
            throw new InvalidCastException($"Column {column.Name} holds a fraction; read it as SnowflakeDecimal or decimal.");
        }
    }

    private BaselineColumnBuffer Buffer(int column) =>
        (uint)column < (uint)_buffers.Length ? _buffers[column] : throw new ArgumentOutOfRangeException(nameof(column));
}
