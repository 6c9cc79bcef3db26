using System.Runtime.ExceptionServices;

namespace Snowferry.Destinations.Internal;

internal sealed partial class PartWriteStream
{
    /// <summary>
    /// Ends writing: waits for every part in flight and rethrows the first failure. Returns the last part's bytes
    /// (valid until <see cref="AbortAsync"/> or <see cref="Release"/>) and the whole object's SHA-256.
    /// </summary>
    public async Task<(ReadOnlyMemory<byte> LastPart, byte[] Sha256)> FinishAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _finished = true;
        await WaitForPartsAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _failure) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return (_buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, _filled), _sha256.GetHashAndReset());
    }

    /// <summary>Stops writing: cancels the parts in flight and waits until none runs, so their buffers are back.</summary>
    public async Task AbortAsync()
    {
        _finished = true;
        await _abort.CancelAsync().ConfigureAwait(false);
        try
        {
            await WaitForPartsAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task WaitForPartsAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_inFlight).WaitAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        // Owned by the upload: closing the stream (as writers do) neither commits nor aborts; the upload does.
        base.Dispose(disposing);
    }

    /// <summary>Lets go of the part buffers and the hash; call once no part is in flight.</summary>
    public void Release()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _buffer = null;
        _spare.Clear();

        _sha256.Dispose();
        _abort.Dispose();
        _slots.Dispose();
    }
}
