using System.Buffers;

namespace Snowferry.Output.Internal;

/// <summary>
/// The write-only view of a destination a writer writes through: counts bytes (ParquetSharp asks the sink for its
/// position, which an upload stream cannot give), gathers small synchronous writes (Parquet page headers are tens of
/// bytes) into one pooled buffer, and can be detached so that a writer abandoned after a failure sends nothing more
/// (ParquetSharp's native writer writes its footer when it is destroyed). Never disposes the destination.
/// </summary>
internal sealed class DestinationStream : Stream
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream _inner;
    private byte[]? _buffer;
    private int _buffered;
    private long _written;
    private bool _detached;

    public DestinationStream(Stream inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!inner.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(inner));
        }

        _inner = inner;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>Bytes accepted so far (some may still sit in the buffer until the next flush).</summary>
    public long BytesWritten => _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_detached;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// The last exception the destination threw from a synchronous write: ParquetSharp's native sink keeps only its
    /// message, so the Parquet writer rethrows this one (a cancellation stays a cancellation).
    /// </summary>
    public Exception? SyncFailure { get; private set; }

    /// <summary>From now on drop every write: the file is abandoned.</summary>
    public void Detach() => _detached = true;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_detached)
        {
            return;
        }

        var pool = _buffer ?? throw new ObjectDisposedException(nameof(DestinationStream));
        if (_buffered + buffer.Length > pool.Length)
        {
            FlushBuffer();
        }

        if (buffer.Length >= pool.Length)
        {
            WriteInner(buffer);
        }
        else
        {
            buffer.CopyTo(pool.AsSpan(_buffered));
            _buffered += buffer.Length;
        }

        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_detached)
        {
            return;
        }

        var pool = _buffer ?? throw new ObjectDisposedException(nameof(DestinationStream));
        if (_buffered + buffer.Length > pool.Length)
        {
            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        if (buffer.Length >= pool.Length)
        {
            await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            buffer.Span.CopyTo(pool.AsSpan(_buffered));
            _buffered += buffer.Length;
        }

        _written += buffer.Length;
    }

    public override void Flush()
    {
        if (!_detached)
        {
            FlushBuffer();
            try
            {
                _inner.Flush();
            }
            catch (Exception e)
            {
                SyncFailure = e;
                throw;
            }
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_detached)
        {
            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer is { } buffer)
        {
            // Whatever is still buffered belongs to an unfinished file: completion flushes before disposing.
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private void FlushBuffer()
    {
        if (_buffered > 0 && _buffer is { } buffer)
        {
            WriteInner(buffer.AsSpan(0, _buffered));
            _buffered = 0;
        }
    }

    private void WriteInner(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _inner.Write(bytes);
        }
        catch (Exception e)
        {
            SyncFailure = e;
            throw;
        }
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (_buffered > 0 && _buffer is { } buffer)
        {
            await _inner.WriteAsync(buffer.AsMemory(0, _buffered), cancellationToken).ConfigureAwait(false);
            _buffered = 0;
        }
    }
}
