namespace Snowferry.Destinations;

/// <summary>
/// Where a transfer's file goes: an S3 bucket, a local folder. A new kind of destination is one new implementation of
/// this interface (plus its <see cref="IDestinationUpload"/>), handed to <c>SnowferryDataSource.TransferAsync</c>; everything a transfer does
/// with it, <c>--verify</c>'s read-back included, goes through these members. Only a destination users name on the
/// command line also needs a case in <see cref="TransferDestinations.Create"/>.
/// </summary>
public interface ITransferDestination
{
    /// <summary>A human-readable address of the object at <paramref name="key"/>: <c>s3://bucket/key</c>, a file URI.</summary>
    string DescribeLocation(string key);

    /// <summary>True when an object already exists at <paramref name="key"/>.</summary>
    /// <exception cref="DestinationException">The destination cannot be reached or read.</exception>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Starts writing the object at <paramref name="key"/>. Nothing is visible at the key until
    /// <see cref="IDestinationUpload.CommitAsync"/> succeeds; disposing the upload without committing leaves nothing.
    /// </summary>
    /// <exception cref="DestinationExistsException">An object exists at the key and <see cref="DestinationUploadOptions.Overwrite"/> is false.</exception>
    /// <exception cref="DestinationException">The destination cannot be written.</exception>
    Task<IDestinationUpload> BeginUploadAsync(string key, DestinationUploadOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the object <paramref name="commit"/> wrote, for reading from its first byte: the version that commit made
    /// where the store keeps versions. The stream is read as it arrives, never held whole in memory (objects can be many
    /// GB), and need not be seekable; the caller disposes it.
    /// </summary>
    /// <exception cref="DestinationException">No such object (<see cref="DestinationErrorKind.NotFound"/>), or the destination cannot be read.</exception>
    Task<Stream> OpenReadAsync(DestinationCommit commit, CancellationToken cancellationToken);
}
