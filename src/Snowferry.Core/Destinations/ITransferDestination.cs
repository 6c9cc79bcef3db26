namespace Snowferry.Destinations;

/// <summary>
/// Where a transfer's file goes: an S3 bucket, a local folder. A new kind of destination is one new implementation of
/// this interface (plus its <see cref="IDestinationUpload"/>), and a case in <see cref="TransferDestinations.Create"/>.
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
}
