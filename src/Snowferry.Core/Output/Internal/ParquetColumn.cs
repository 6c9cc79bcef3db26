using System.Buffers;
using ParquetSharp;
using Snowferry.Snowflake.Values;

namespace Snowferry.Output.Internal;

/// <summary>
/// One column's share of the current chunk of rows: definition levels (1 value, 0 NULL) and the non-NULL values in
/// Parquet's physical type, written to the open row group when the chunk is full. Chunks have a fixed number of
/// rows, so the column writer sees the same calls, and makes the same pages, however the rows arrived in batches.
/// A range of rows is appended a column at a time, straight from the batch's typed storage: the profile put ~45% of
/// the Parquet writer's time in the row-at-a-time loop (a virtual call, a type test and a boxed-or-not read per cell).
/// </summary>
internal abstract class ParquetColumn
{
    protected ParquetColumn(OutputColumn column, int ordinal, int chunkRows)
    {
        Column = column;
        Ordinal = ordinal;
        DefLevels = ArrayPool<short>.Shared.Rent(chunkRows);
    }

    public OutputColumn Column { get; }

    public int Ordinal { get; }

    /// <summary>Plain (unencoded) bytes of the chunk's values: what bounds a chunk's and a row group's memory.</summary>
    public abstract long PendingBytes { get; }

    /// <summary>Non-NULL values in the chunk so far.</summary>
    public int Values { get; private set; }

    protected short[] DefLevels { get; }

    protected int Rows { get; private set; }

    /// <summary>
    /// Appends rows <paramref name="start"/>..+<paramref name="count"/> of <paramref name="buffer"/> (the batch's column
    /// <see cref="Ordinal"/>); <paramref name="outputRow"/> is the first one's index in the file, for errors.
    /// </summary>
    public void Append(ColumnBuffer buffer, int start, int count, long outputRow)
    {
        var rows = Rows;
        var values = Values;
        for (var done = 0; done < count;)
        {
            var nulls = buffer.NullSegment(start + done, count - done);
            var taken = AppendSegment(buffer, start + done, nulls, values, outputRow + done);
            for (var i = 0; i < taken; i++)
            {
                var isValue = !nulls[i];
                DefLevels[rows++] = isValue ? (short)1 : (short)0;
                values += isValue ? 1 : 0;
            }

            done += taken;
        }

        Rows = rows;
        Values = values;
    }

    /// <summary>
    /// Plain bytes the batch's row <paramref name="row"/> would add to the chunk (what <see cref="PendingBytes"/>
    /// counts), so the writer can find the row that takes a chunk to its byte limit before appending.
    /// </summary>
    public long BytesOf(ColumnBuffer buffer, int row) => buffer.IsNull(row) ? 0 : ValueBytes(buffer, row);

    /// <summary>At least the plain bytes of rows <paramref name="start"/>..+<paramref name="count"/>: a cheap bound first.</summary>
    public abstract long BoundBytes(ColumnBuffer buffer, int start, int count);

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

    /// <summary>
    /// Stores the non-NULL values among the rows from <paramref name="start"/> whose null flags are
    /// <paramref name="nulls"/>, as values <paramref name="firstValue"/>.. of the chunk; returns how many of those rows it
    /// took (at least one: fewer than all when the batch's values sit in another chunk from there on).
    /// </summary>
    protected abstract int AppendSegment(ColumnBuffer buffer, int start, ReadOnlySpan<bool> nulls, int firstValue, long outputRow);

    /// <summary>Plain bytes of the non-NULL value of row <paramref name="row"/>.</summary>
    protected abstract long ValueBytes(ColumnBuffer buffer, int row);

    protected abstract void WriteChunk(ColumnWriter writer, int rows, ReadOnlySpan<short> defLevels, int values);

    /// <summary>Hands the chunk's arrays back to their pools; the writer is disposed and the column never used again.</summary>
    public void Release()
    {
        ArrayPool<short>.Shared.Return(DefLevels);
        ReleaseArrays();
    }

    protected virtual void Reset()
    {
    }

    protected abstract void ReleaseArrays();

    protected OutputDataException Error(string message, long outputRow, Exception? inner = null) =>
        new($"Column {Column.Name}, row {outputRow}: {message}", Column.Name, Ordinal, outputRow, inner);
}
