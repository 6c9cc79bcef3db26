using Snowferry.Destinations;
using Snowferry.Destinations.Local;
using Snowferry.Destinations.S3;
using Snowferry.Internal;

namespace Snowferry.Transfer;

// Cleaning up after a transfer whose process was killed (a service restarting after a crash): what the run had started
// outside the process, as its TransferProgress named it, is undone here. A cancelled or failed transfer cleans up after
// itself; these are for the runs that could not. Nothing here deletes a published object.
public sealed partial class SnowferryDataSource
{
    /// <summary>
    /// Aborts what uploads to <paramref name="location"/> left open: for S3, every multipart upload open at exactly that
    /// key (uploads at longer keys sharing it as a prefix are left alone); for a local folder, the temporary files
    /// written beside the file before it is renamed into place. The object or file at the location itself is never
    /// touched, whether or not it was committed. Safe to call again; returns how many uploads or files it removed.
    /// </summary>
    /// <param name="location">The object, as <see cref="TransferProgress.Location"/> or <see cref="TransferReport.Uri"/>
    /// names it: <c>s3://bucket/key</c>, a <c>file://</c> URI or a local path.</param>
    /// <param name="cancellationToken">Stops the listing and aborts not yet sent.</param>
    /// <exception cref="DestinationException">The location is malformed or names a bucket without a key; or S3 refused
    /// the listing (<c>s3:ListBucketMultipartUploads</c>) or an abort (<c>s3:AbortMultipartUpload</c>), or a temporary
    /// file could not be deleted.</exception>
    public async Task<int> AbortUploadsAsync(string location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var address = TransferDestinations.ParseLocation(location);
        if (address.Kind == DestinationKind.S3)
        {
            if (address.Prefix.Length == 0)
            {
                throw new DestinationException(
                    DestinationErrorKind.InvalidAddress,
                    $"'{location}' names a bucket, not an object: give the object's s3://bucket/key, as TransferProgress.Location names it.");
            }

            var s3 = await _s3.ForBucketAsync(address.Bucket!, cancellationToken).ConfigureAwait(false);
            return await S3OpenUploads.AbortAllAsync(s3, address.Bucket!, address.Prefix, _logger, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var path = address.FolderPath!;
        try
        {
            var deleted = LocalFolderUpload.DeleteLeftovers(path);
            if (deleted > 0)
            {
                Log.LeftoverFilesDeleted(_logger, deleted, path);
            }

            return deleted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DestinationException(
                e is UnauthorizedAccessException ? DestinationErrorKind.AccessDenied : DestinationErrorKind.Failed,
                $"Could not delete the temporary files left beside {path}: {e.Message}",
                e);
        }
    }

    /// <summary>
    /// Deletes the files of an unload that never published: every object in the run folder, but only when the folder
    /// holds no manifest. A published run (its <c>manifest.json</c> is there) is never touched and 0 is returned, as for
    /// an empty or already removed folder. Cancel the run's <c>COPY INTO</c> first
    /// (<see cref="Snowflake.Client.SnowflakeClient.CancelAsync"/> with <see cref="TransferProgress.QueryId"/>), or
    /// Snowflake may write more files after this returns. Returns how many objects were deleted.
    /// </summary>
    /// <param name="runFolder">The run folder, as <see cref="TransferProgress.UnloadFolder"/> names it:
    /// <c>s3://bucket/prefix/TABLE/run-…/</c>. Anything else (a bucket, a parent folder, a folder with subfolders) is
    /// refused and nothing is deleted.</param>
    /// <param name="cancellationToken">Stops the listing and the deletions not yet sent.</param>
    /// <exception cref="DestinationException">It is not an unload's run folder; or S3 refused the listing
    /// (<c>s3:ListBucket</c>) or a deletion (<c>s3:DeleteObject</c>).</exception>
    public async Task<int> RemoveIncompleteUnloadAsync(string runFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var address = TransferDestinations.ParseLocation(runFolder);
        if (UnloadRunFolders.Refusal(runFolder, address) is { } refusal)
        {
            throw new DestinationException(DestinationErrorKind.InvalidAddress, refusal);
        }

        var s3 = await _s3.ForBucketAsync(address.Bucket!, cancellationToken).ConfigureAwait(false);
        return await UnloadRunFolders.RemoveIfIncompleteAsync(s3, address.Bucket!, address.Prefix + "/", _logger, cancellationToken).ConfigureAwait(false);
    }
}
