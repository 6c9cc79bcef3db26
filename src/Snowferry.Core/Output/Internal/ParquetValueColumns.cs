using System.Buffers;
using System.Runtime.CompilerServices;
using ParquetSharp;
using Snowferry.Snowflake.Values;

namespace Snowferry.Output.Internal;

/// <summary>
/// A column whose physical values are fixed-size CLR values (BOOLEAN, INT32, INT64, DOUBLE), converted from the
/// batch's <typeparamref name="TSource"/> values a segment at a time.
/// </summary>
internal abstract class ParquetValueColumn<TSource, T>(OutputColumn column, int ordinal, int chunkRows) : ParquetColumn(column, ordinal, chunkRows)
    where TSource : struct
    where T : unmanaged
{
    private readonly T[] _values = ArrayPool<T>.Shared.Rent(chunkRows);

    public sealed override long PendingBytes => (long)Values * Unsafe.SizeOf<T>();

    public sealed override long BoundBytes(ColumnBuffer buffer, int start, int count) => (long)count * Unsafe.SizeOf<T>();

    protected sealed override long ValueBytes(ColumnBuffer buffer, int row) => Unsafe.SizeOf<T>();

    protected sealed override int AppendSegment(ColumnBuffer buffer, int start, ReadOnlySpan<bool> nulls, int firstValue, long outputRow)
    {
        var source = ((ValueColumnBuffer<TSource>)buffer).Segment(start, nulls.Length);
        var values = _values;
        var next = firstValue;
        for (var i = 0; i < source.Length; i++)
        {
            if (!nulls[i])
            {
                values[next++] = Convert(source[i], outputRow + i);
            }
        }

        return source.Length;
    }

    protected sealed override void WriteChunk(ColumnWriter writer, int rows, ReadOnlySpan<short> defLevels, int values) =>
        ((ColumnWriter<T>)writer).WriteBatch(rows, defLevels, default, _values.AsSpan(0, values));

    protected abstract T Convert(TSource value, long outputRow);

    protected sealed override void ReleaseArrays() => ArrayPool<T>.Shared.Return(_values);
}

internal sealed class ParquetDoubleColumn(OutputColumn column, int ordinal, int chunkRows) : ParquetValueColumn<double, double>(column, ordinal, chunkRows)
{
    protected override double Convert(double value, long outputRow) => value;
}

internal sealed class ParquetBooleanColumn(OutputColumn column, int ordinal, int chunkRows) : ParquetValueColumn<bool, bool>(column, ordinal, chunkRows)
{
    protected override bool Convert(bool value, long outputRow) => value;
}

/// <summary>DATE: days since 1970-01-01 in INT32.</summary>
internal sealed class ParquetDateColumn(OutputColumn column, int ordinal, int chunkRows) : ParquetValueColumn<DateOnly, int>(column, ordinal, chunkRows)
{
    private static readonly int s_epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    protected override int Convert(DateOnly value, long outputRow) => value.DayNumber - s_epochDay;
}

/// <summary>TIME(NANOS, not adjusted to UTC): nanoseconds since midnight in INT64.</summary>
internal sealed class ParquetTimeColumn(OutputColumn column, int ordinal, int chunkRows) : ParquetValueColumn<SnowflakeTime, long>(column, ordinal, chunkRows)
{
    protected override long Convert(SnowflakeTime value, long outputRow) => value.NanosecondsSinceMidnight;
}

/// <summary>TIMESTAMP in micro- or nanoseconds since the epoch (the UTC instant for LTZ/TZ, the wall clock for NTZ).</summary>
internal sealed class ParquetTimestampColumn(OutputColumn column, int ordinal, int chunkRows, bool nanos)
    : ParquetValueColumn<SnowflakeTimestamp, long>(column, ordinal, chunkRows)
{
    protected override long Convert(SnowflakeTimestamp value, long outputRow)
    {
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
