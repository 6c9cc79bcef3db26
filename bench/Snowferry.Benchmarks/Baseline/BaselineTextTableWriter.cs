using System.IO.Compression;
using Snowferry.Output;
using Snowferry.Output.Internal;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>
/// The shared half of the text writers: rows are encoded into one pooled buffer, which is written (through gzip when
/// asked) to the destination asynchronously whenever it passes the flush threshold, so memory stays at about the
/// threshold plus one row whatever the output's size. Subclasses encode the header, a row and the footer.
/// </summary>
internal abstract class BaselineTextTableWriter
{
    private readonly DestinationStream _destination;
    private readonly GZipStream? _gzip;
    private readonly int _flushThreshold;
    private long _rows;
    private bool _headerWritten;
    private WriterState _state;

    protected BaselineTextTableWriter(OutputColumn[] schema, Stream destination, OutputWriterOptions options)
    {
        Columns = schema;
        _flushThreshold = options.FlushThresholdBytes;
        _destination = new DestinationStream(destination);
        if (options.Compression == OutputCompression.Gzip)
        {
            // .NET's gzip header carries no timestamp or file name, so the same rows give the same bytes.
            _gzip = new GZipStream(_destination, CompressionLevel.Optimal, leaveOpen: true);
        }

        Buffer = new PooledByteBuffer(Math.Min(_flushThreshold + (_flushThreshold / 4), 1024 * 1024));
    }

    public IReadOnlyList<OutputColumn> Schema => Columns;

    public long RowsWritten => _rows;

    public long BytesWritten => _destination.BytesWritten;

    protected OutputColumn[] Columns { get; }

    protected PooledByteBuffer Buffer { get; }

    public async ValueTask WriteBatchAsync(BaselineRowBatch batch, CancellationToken cancellationToken)
    {
        ThrowIfNotOpen();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            EnsureHeader();
            for (var row = 0; row < batch.RowCount; row++)
            {
                WriteRow(batch, row, _rows);
                _rows++;
                if (Buffer.WrittenCount >= _flushThreshold)
                {
                    await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            // A row half encoded or half sent leaves a file that cannot be continued.
            _state = WriterState.Faulted;
            throw;
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        ThrowIfNotOpen();
        try
        {
            EnsureHeader();
            WriteFooter(_rows);
            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
            if (_gzip is not null)
            {
                await _gzip.DisposeAsync().ConfigureAwait(false);
            }

            await _destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            _state = WriterState.Completed;
        }
        catch
        {
            _state = WriterState.Faulted;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_state == WriterState.Disposed)
        {
            return;
        }

        if (_state != WriterState.Completed)
        {
            // Abandoned: nothing more may reach the destination (not even the gzip trailer).
            _destination.Detach();
        }

        _state = WriterState.Disposed;
        if (_gzip is not null)
        {
            await _gzip.DisposeAsync().ConfigureAwait(false);
        }

        ReleaseResources();
        Buffer.Dispose();
        await _destination.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Encodes the header (may be nothing) into <see cref="Buffer"/>.</summary>
    protected abstract void WriteHeader();

    /// <summary>Encodes one row into <see cref="Buffer"/>; <paramref name="outputRow"/> is its index in the file.</summary>
    protected abstract void WriteRow(BaselineRowBatch batch, int row, long outputRow);

    /// <summary>Encodes the footer (may be nothing) after <paramref name="rows"/> rows.</summary>
    protected abstract void WriteFooter(long rows);

    /// <summary>Releases what a subclass holds; called once, on dispose.</summary>
    protected virtual void ReleaseResources()
    {
    }

    private void EnsureHeader()
    {
        if (!_headerWritten)
        {
            WriteHeader();
            _headerWritten = true;
        }
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (Buffer.WrittenCount == 0)
        {
            return;
        }

        Stream output = _gzip is null ? _destination : _gzip;
        await output.WriteAsync(Buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        Buffer.Clear();
    }

    private void ThrowIfNotOpen()
    {
        if (_state != WriterState.Open)
        {
            throw new InvalidOperationException($"The writer is {_state.ToString().ToLowerInvariant()}; it takes no more rows.");
        }
    }
}
