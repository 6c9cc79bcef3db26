using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace Snowferry.Destinations.Internal;

/// <summary>
/// A write-only stream that cuts what is written into parts of a fixed size and hands each full part to a
/// <see cref="PartUploader"/>, with at most K parts in flight: a synchronous write then blocks and an asynchronous one
/// waits (backpressure). At most K + 1 part buffers exist; a finished part's buffer is kept for the next part while
/// the part size is unchanged. The last part, possibly the whole object when it fits one part, stays here for the owner
/// to send on commit (<see cref="FinishAsync"/>). The whole object's SHA-256 and length are computed on the way. One
/// writer at a time; abort it from elsewhere with <see cref="AbortAsync"/> (a blocked write then throws
/// <see cref="OperationCanceledException"/>), and call <see cref="Release"/> only once the writer has stopped.
/// </summary>
internal sealed partial class PartWriteStream : Stream
{
    /// <summary>
    /// Buffers of finished parts, for the next ones. Per stream, not a process-wide pool: a part is taken on the
    /// writer's thread and comes back on whichever thread finished its upload (<see cref="System.Buffers.ArrayPool{T}.Shared"/>
    /// then keeps one per thread), and parts grow (<see cref="PartSizes"/>), so a pool would keep every smaller size
    /// too. A buffer that comes back smaller than the current part size is left to the GC.
    /// </summary>
    private readonly ConcurrentStack<byte[]> _spare = new();
    private readonly int _basePartSize;
    private int _partSize;
    private readonly PartUploader _uploader;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _inFlight = [];
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _buffer;
    private int _filled;
    private int _partsStarted;
    private long _length;
    private Exception? _failure;
    private bool _finished;
    private bool _disposed;

    public PartWriteStream(int partSize, int maxPartsInFlight, PartUploader uploader)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPartsInFlight);
        _basePartSize = partSize;
        _partSize = partSize;
        _uploader = uploader;
        _slots = new SemaphoreSlim(maxPartsInFlight, maxPartsInFlight);
    }

    /// <summary>Full parts handed to the uploader so far.</summary>
    public int PartsStarted => _partsStarted;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_finished && !_disposed;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfNotWritable();
        while (!buffer.IsEmpty)
        {
            if (_buffer is not null && _filled == _partSize)
            {
                // Wait for a free slot; a failed part or an abort cancels the wait.
                try
                {
                    _slots.Wait(_abort.Token);
                }
                catch (OperationCanceledException)
                {
                    ThrowIfNotWritable();
                    throw;
                }

                StartPartOrThrow();
            }

            buffer = buffer[Append(buffer)..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfNotWritable();
        while (!buffer.IsEmpty)
        {
            if (_buffer is not null && _filled == _partSize)
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
                try
                {
                    await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    ThrowIfNotWritable();
                    throw;
                }

                StartPartOrThrow();
            }

            buffer = buffer[Append(buffer.Span)..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private int Append(ReadOnlySpan<byte> data)
    {
        if (_buffer is null)
        {
            Volatile.Write(ref _partSize, PartSizes.For(_partsStarted + 1, _basePartSize));
            _buffer = _spare.TryPop(out var spare) && spare.Length == _partSize
                ? spare
                : GC.AllocateUninitializedArray<byte>(_partSize);
        }

        var n = Math.Min(data.Length, _partSize - _filled);
        data[..n].CopyTo(_buffer.AsSpan(_filled));
        _sha256.AppendData(data[..n]);
        _filled += n;
        _length += n;
        return n;
    }

    private void StartPartOrThrow()
    {
        // A slot freed by a part that was cancelled: the wait can win the race against the abort, so check again.
        if (_abort.IsCancellationRequested)
        {
            _slots.Release();
            ThrowIfNotWritable();
        }

        StartPart();
    }

    private void StartPart()
    {
        if (_partsStarted + 1 >= PartSizes.MaxParts)
        {
            // This part and the last must both fit under S3's 10,000: refuse now rather than after writing the part.
            _slots.Release();
            var failure = new DestinationException(
                DestinationErrorKind.Failed,
                $"The output passed {PartSizes.MaxBytes(_basePartSize) / (1024 * 1024 * 1024)} GiB, more than one multipart upload of parts from {_basePartSize / (1024 * 1024)} MiB holds (S3 allows 10,000 parts): raise the part size (TransferOptions.PartSize), or let Snowflake write the files (set TransferOptions.Mode to Unload).");
            Interlocked.CompareExchange(ref _failure, failure, null);
            _abort.Cancel();
            throw failure;
        }

        var buffer = _buffer!;
        var length = _filled;
        var partNumber = ++_partsStarted;
        _buffer = null;
        _filled = 0;
        _inFlight.RemoveAll(t => t.IsCompleted && !t.IsFaulted);
        _inFlight.Add(Task.Run(() => UploadAsync(partNumber, buffer, length)));
    }

    private async Task UploadAsync(int partNumber, byte[] buffer, int length)
    {
        try
        {
            await _uploader(partNumber, buffer.AsMemory(0, length), _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Aborted (or another part failed first): nothing to record.
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
            await _abort.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            if (buffer.Length == Volatile.Read(ref _partSize))
            {
                _spare.Push(buffer);
            }

            _slots.Release();
        }
    }

    private void ThrowIfNotWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_abort.IsCancellationRequested && Volatile.Read(ref _failure) is null)
        {
            throw new OperationCanceledException("The upload was aborted; no more bytes can be written.");
        }

        if (_finished)
        {
            throw new InvalidOperationException("The upload is being committed; no more bytes can be written.");
        }

        switch (Volatile.Read(ref _failure))
        {
            case SnowferryException failure:
                ExceptionDispatchInfo.Throw(failure);
                break;
            case { } failure:
                throw new IOException("A part of the upload failed; the upload will be aborted.", failure);
        }
    }
}
