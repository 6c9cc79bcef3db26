using System.Runtime.ExceptionServices;
using ParquetSharp;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Output.Internal;

/// <summary>
/// Parquet through ParquetSharp (Arrow C++'s writer). Rows are gathered into fixed-size chunks and written into a
/// buffered row group, which is closed after <see cref="OutputWriterOptions.MaxRowGroupRows"/> rows or
/// <see cref="OutputWriterOptions.MaxRowGroupBytes"/> bytes of plain values: memory holds one chunk plus one encoded row group.
/// Row group and page boundaries depend only on the rows, never on how they were batched, and the file carries no
/// time or random id, so the same rows give the same bytes.
/// </summary>
internal sealed class ParquetTableWriter : ITableWriter
{
    /// <summary>Rows per chunk: a multiple of Arrow's write batch size (1024), so page cuts fall alike.</summary>
    private const int ChunkRows = 4096;

    /// <summary>A chunk of long texts is written early once its values pass this, to bound the pinned buffers.</summary>
    private const long MaxChunkBytes = 16L * 1024 * 1024;

    private readonly OutputColumn[] _schema;
    private readonly DestinationStream _destination;
    private readonly ParquetFileWriter _file;
    private readonly ParquetColumn[] _columns;
    private readonly int _chunkRows;
    private readonly int _maxGroupRows;
    private readonly long _maxGroupBytes;
    private IReadOnlyList<SnowflakeColumn>? _checkedColumns;
    private RowGroupWriter? _group;
    private int _chunkCount;
    private long _groupRows;
    private long _groupBytes;
    private long _rows;
    private WriterState _state;

    public ParquetTableWriter(OutputColumn[] schema, Stream destination, OutputWriterOptions options, Compression compression)
    {
        _schema = schema;
        _maxGroupRows = options.MaxRowGroupRows;
        _maxGroupBytes = options.MaxRowGroupBytes;
        _chunkRows = Math.Min(ChunkRows, _maxGroupRows);
        _columns = [.. schema.Select((c, i) => ParquetSchema.CreateColumn(c, i, _chunkRows))];
        _destination = new DestinationStream(destination);
        try
        {
            using var root = ParquetSchema.CreateRoot(schema);
            using var builder = new WriterPropertiesBuilder();
            // created_by stays Arrow's own "parquet-cpp-arrow version x.y.z": fixed for a library version, and readers
            // use it to know which writer bugs to work around. Nothing else in the footer varies between runs.
            // The system allocator, not Arrow's default jemalloc: jemalloc keeps freed row groups' pages for reuse, which
            // measured ~95 MiB of resident memory that a transfer never gave back (bench/RESULTS.md).
            using var properties = builder
                .MemoryPool(MemoryPool.SystemMemoryPool())
                .Compression(compression)
                .EnableDictionary()
                .EnableStatistics()
                .MaxRowGroupLength(_maxGroupRows)
                .Build();
            _file = new ParquetFileWriter(_destination, root, properties, keyValueMetadata: null, leaveOpen: true);
        }
        catch
        {
            _destination.Detach();
            _destination.Dispose();
            throw;
        }
    }

    public IReadOnlyList<OutputColumn> Schema => _schema;

    public long RowsWritten => _rows;

    public long BytesWritten => _destination.BytesWritten;

    public ValueTask WriteBatchAsync(SnowflakeRowBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            ThrowIfNotOpen();
            cancellationToken.ThrowIfCancellationRequested();
            OutputSchema.CheckBatch(_schema, batch, ref _checkedColumns);
            Guard(() => Append(batch));
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            ThrowIfNotOpen();
            Guard(() =>
            {
                WriteChunk();
                CloseGroup();
                _file.Close();
            });
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }

        return FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_state == WriterState.Disposed)
        {
            return;
        }

        if (_state != WriterState.Completed)
        {
            // The native writer closes an unclosed file (footer and all) when destroyed: let none of it through.
            _destination.Detach();
        }

        _state = WriterState.Disposed;
        _file.Dispose();
        foreach (var column in _columns)
        {
            column.Release();
        }

        await _destination.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            _state = WriterState.Completed;
        }
        catch
        {
            _state = WriterState.Faulted;
            throw;
        }
    }

    /// <summary>
    /// The batch's rows, a column at a time, in ranges that end where the row-at-a-time loop cut its chunks: at
    /// <see cref="ChunkRows"/> rows, at a row group's last row, and after the row that takes the chunk's values to
    /// <see cref="MaxChunkBytes"/>. Same chunks, same pages, same bytes.
    /// </summary>
    private void Append(SnowflakeRowBatch batch)
    {
        for (var start = 0; start < batch.RowCount;)
        {
            var take = (int)Math.Min(batch.RowCount - start, Math.Min(_chunkRows - _chunkCount, _maxGroupRows - _groupRows));
            take = WithinByteLimit(batch, start, take);
            for (var c = 0; c < _columns.Length; c++)
            {
                _columns[c].Append(batch.Buffer(c), start, take, _rows);
            }

            _rows += take;
            _chunkCount += take;
            _groupRows += take;
            start += take;
            if (_chunkCount == _chunkRows || _groupRows == _maxGroupRows || ChunkBytes() >= MaxChunkBytes)
            {
                WriteChunk();
            }
        }
    }

    /// <summary>How many of the rows keep the chunk under its byte limit, the row that reaches it included.</summary>
    private int WithinByteLimit(SnowflakeRowBatch batch, int start, int take)
    {
        var bytes = ChunkBytes();
        var bound = bytes;
        for (var c = 0; c < _columns.Length; c++)
        {
            bound += _columns[c].BoundBytes(batch.Buffer(c), start, take);
        }

        if (bound < MaxChunkBytes)
        {
            return take;
        }

        var keep = 0;
        while (keep < take && bytes < MaxChunkBytes)
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                bytes += _columns[c].BytesOf(batch.Buffer(c), start + keep);
            }

            keep++;
        }

        return keep;
    }

    private void WriteChunk()
    {
        if (_chunkCount == 0)
        {
            return;
        }

        _group ??= _file.AppendBufferedRowGroup();
        _groupBytes += ChunkBytes();
        foreach (var column in _columns)
        {
            column.WriteTo(_group);
        }

        _chunkCount = 0;
        // Plain value bytes, not Arrow's encoded-size counters: those leave out the dictionary and the open page, and
        // the plain size bounds what the buffered row group can hold.
        if (_groupRows >= _maxGroupRows || _groupBytes >= _maxGroupBytes)
        {
            CloseGroup();
        }
    }

    private void CloseGroup()
    {
        if (_group is null)
        {
            return;
        }

        _group.Close();
        _group = null;
        _groupRows = 0;
        _groupBytes = 0;
        // The closed group's buffers (megabytes per column) went back to malloc, which keeps them resident in whichever
        // arena the writing thread used; without this a long file grew the process by ~90 MiB (AllocatorTuning).
        AllocatorTuning.ReleaseFreeNativeMemory();
    }

    private long ChunkBytes()
    {
        long total = 0;
        foreach (var column in _columns)
        {
            total += column.PendingBytes;
        }

        return total;
    }

    /// <summary>Marks the writer faulted on any failure, and rethrows the destination's own exception rather than ParquetSharp's copy of its message.</summary>
    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (ParquetException) when (_destination.SyncFailure is { } failure)
        {
            _state = WriterState.Faulted;
            ExceptionDispatchInfo.Throw(failure);
        }
        catch
        {
            _state = WriterState.Faulted;
            throw;
        }
    }

    private void ThrowIfNotOpen()
    {
        if (_state != WriterState.Open)
        {
            throw new InvalidOperationException($"The writer is {_state.ToString().ToLowerInvariant()}; it takes no more rows.");
        }
    }
}
