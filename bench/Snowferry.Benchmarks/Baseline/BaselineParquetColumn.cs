using ParquetSharp;
using Snowferry.Output;
using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>
/// One column's share of the current chunk of rows: definition levels (1 value, 0 NULL) and the non-NULL values in
/// Parquet's physical type, written to the open row group when the chunk is full. Chunks have a fixed number of
/// rows, so the column writer sees the same calls, and makes the same pages, however the rows arrived in batches.
/// </summary>
internal abstract class BaselineParquetColumn
{
    protected BaselineParquetColumn(OutputColumn column, int ordinal, int chunkRows)
    {
        Column = column;
        Ordinal = ordinal;
        DefLevels = new short[chunkRows];
    }

    public OutputColumn Column { get; }

    public int Ordinal { get; }

    /// <summary>Plain (unencoded) bytes of the chunk's values: what bounds a chunk's and a row group's memory.</summary>
    public abstract long PendingBytes { get; }

    protected short[] DefLevels { get; }

    protected int Rows { get; private set; }

    protected int Values { get; private set; }

    /// <summary>Appends the cell at (<paramref name="row"/>, <see cref="Ordinal"/>); <paramref name="outputRow"/> is for errors.</summary>
    public void Append(BaselineRowBatch batch, int row, long outputRow)
    {
        if (batch.IsNull(row, Ordinal))
        {
            DefLevels[Rows++] = 0;
            return;
        }

        AppendValue(batch, row, Values, outputRow);
        DefLevels[Rows++] = 1;
        Values++;
    }

    /// <summary>Writes the pending chunk to <paramref name="group"/> and starts an empty one.</summary>
    public void WriteTo(RowGroupWriter group)
    {
        if (Rows > 0)
        {
            using var writer = group.Column(Ordinal);
            WriteChunk(writer, Rows, DefLevels.AsSpan(0, Rows), Values);
        }

        Rows = 0;
        Values = 0;
        Reset();
    }

    /// <summary>Stores the non-NULL value of the cell as value number <paramref name="index"/> of the chunk.</summary>
    protected abstract void AppendValue(BaselineRowBatch batch, int row, int index, long outputRow);

    protected abstract void WriteChunk(ColumnWriter writer, int rows, ReadOnlySpan<short> defLevels, int values);

    protected virtual void Reset()
    {
    }

    protected OutputDataException Error(string message, long outputRow, Exception? inner = null) =>
        new($"Column {Column.Name}, row {outputRow}: {message}", Column.Name, Ordinal, outputRow, inner);
}

/// <summary>A column whose physical values are fixed-size CLR values (BOOLEAN, INT32, INT64, DOUBLE).</summary>
internal abstract class BaselineParquetValueColumn<T>(OutputColumn column, int ordinal, int chunkRows) : BaselineParquetColumn(column, ordinal, chunkRows)
    where T : unmanaged
{
    private readonly T[] _values = new T[chunkRows];

    public sealed override long PendingBytes => (long)Values * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    protected sealed override void AppendValue(BaselineRowBatch batch, int row, int index, long outputRow) =>
        _values[index] = Read(batch, row, outputRow);

    protected sealed override void WriteChunk(ColumnWriter writer, int rows, ReadOnlySpan<short> defLevels, int values) =>
        ((ColumnWriter<T>)writer).WriteBatch(rows, defLevels, default, _values.AsSpan(0, values));

    protected abstract T Read(BaselineRowBatch batch, int row, long outputRow);
}

internal sealed class BaselineParquetDoubleColumn(OutputColumn column, int ordinal, int chunkRows) : BaselineParquetValueColumn<double>(column, ordinal, chunkRows)
{
    protected override double Read(BaselineRowBatch batch, int row, long outputRow) => batch.GetValue<double>(row, Ordinal);
}

internal sealed class BaselineParquetBooleanColumn(OutputColumn column, int ordinal, int chunkRows) : BaselineParquetValueColumn<bool>(column, ordinal, chunkRows)
{
    protected override bool Read(BaselineRowBatch batch, int row, long outputRow) => batch.GetValue<bool>(row, Ordinal);
}

/// <summary>DATE: days since 1970-01-01 in INT32.</summary>
internal sealed class BaselineParquetDateColumn(OutputColumn column, int ordinal, int chunkRows) : BaselineParquetValueColumn<int>(column, ordinal, chunkRows)
{
    private static readonly int s_epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    protected override int Read(BaselineRowBatch batch, int row, long outputRow) => batch.GetValue<DateOnly>(row, Ordinal).DayNumber - s_epochDay;
}

/// <summary>TIME(NANOS, not adjusted to UTC): nanoseconds since midnight in INT64.</summary>
internal sealed class BaselineParquetTimeColumn(OutputColumn column, int ordinal, int chunkRows) : BaselineParquetValueColumn<long>(column, ordinal, chunkRows)
{
    protected override long Read(BaselineRowBatch batch, int row, long outputRow) => batch.GetValue<SnowflakeTime>(row, Ordinal).NanosecondsSinceMidnight;
}

/// <summary>TIMESTAMP in micro- or nanoseconds since the epoch (the UTC instant for LTZ/TZ, the wall clock for NTZ).</summary>
internal sealed class BaselineParquetTimestampColumn(OutputColumn column, int ordinal, int chunkRows, bool nanos)
    : BaselineParquetValueColumn<long>(column, ordinal, chunkRows)
{
    protected override long Read(BaselineRowBatch batch, int row, long outputRow)
    {
        var value = batch.GetValue<SnowflakeTimestamp>(row, Ordinal);
        try
        {
            return nanos
                ? checked((value.EpochSeconds * 1_000_000_000L) + value.Nanoseconds)
                : checked((value.EpochSeconds * 1_000_000L) + (value.Nanoseconds / 1000));
        }
        catch (OverflowException e)
        {
            throw Error(
                "the timestamp is outside 1677-09-21..2262-04-11, the range of Parquet nanosecond timestamps "
                + "(columns of scale 6 or less are written in microseconds, which have no such limit).", outputRow, e);
        }
    }
}
