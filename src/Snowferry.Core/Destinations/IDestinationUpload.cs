namespace Snowferry.Destinations;

/// <summary>
/// One object being written: write the bytes to <see cref="Stream"/>, then <see cref="CommitAsync"/>. Disposing before
/// a successful commit, a failed write, a failed commit or a cancelled one aborts: no object, no open multipart upload,
/// no temporary file is left behind.
/// </summary>
public interface IDestinationUpload : IAsyncDisposable
{
    /// <summary>The object's key.</summary>
    string Key { get; }

    /// <summary>
    /// A write-only stream for the object's bytes, with both synchronous and asynchronous writes. Memory stays bounded:
    /// when the parts in flight reach <see cref="DestinationUploadOptions.MaxPartsInFlight"/>, a synchronous
    /// <c>Write</c> blocks and <c>WriteAsync</c> waits. Disposing it does not commit.
    /// </summary>
    Stream Stream { get; }

    /// <summary>Bytes written so far.</summary>
    long BytesWritten { get; }

    /// <summary>Sends what is buffered, makes the object visible at its key at once, and verifies its size.</summary>
    /// <exception cref="DestinationExistsException">An object appeared at the key meanwhile and overwrite is off.</exception>
    /// <exception cref="DestinationException">The upload failed; it has been aborted.</exception>
    Task<DestinationCommit> CommitAsync(CancellationToken cancellationToken);
}
