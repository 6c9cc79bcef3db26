using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Internal;
using Snowferry.Manifest;

namespace Snowferry.Transfer;

/// <summary>
/// An unload's run folder left without its manifest: the files Snowflake wrote before the process died, which readers
/// ignore (the manifest, written last, is what publishes a run) but which are stored and billed until removed.
/// </summary>
internal static class UnloadRunFolders
{
    /// <summary>What <see cref="UnloadStrategy"/> names its run folders: <c>run-&lt;UTC time&gt;_&lt;short id&gt;</c>.</summary>
    private const string RunNamePrefix = "run-";

    /// <summary>DeleteObjects takes at most 1,000 keys.</summary>
    private const int DeleteBatch = 1000;

    /// <summary>
    /// Deletes every object in the run folder at <paramref name="prefix"/> (ending in <c>/</c>) unless it holds a
    /// manifest; returns how many were deleted (0 for a published run, which is never touched).
    /// </summary>
    /// <exception cref="DestinationException">It is not a run folder (nothing is deleted), or S3 refused the listing or a deletion.</exception>
    public static async Task<int> RemoveIfIncompleteAsync(IAmazonS3 client, string bucket, string prefix, ILogger logger, CancellationToken cancellationToken)
    {
        var location = $"s3://{bucket}/{prefix}";
        var keys = await ListAsync(client, bucket, prefix, location, cancellationToken).ConfigureAwait(false);
        var names = keys.Select(k => k[prefix.Length..]).ToList();
        if (names.Any(IsManifest))
        {
            Log.PublishedUnloadKept(logger, location);
            return 0;
        }

        if (names.FirstOrDefault(n => n.Contains('/', StringComparison.Ordinal)) is { } nested)
        {
            // An unload writes its files straight into the run folder: a subfolder means this is some other folder.
            throw new DestinationException(
                DestinationErrorKind.InvalidAddress,
                $"{location} holds a subfolder ({prefix}{nested}), so it is not an unload's run folder: nothing was deleted. Give the folder TransferProgress.UnloadFolder named.");
        }

        var deleted = 0;
        foreach (var batch in keys.Chunk(DeleteBatch))
        {
            deleted += await DeleteAsync(client, bucket, batch, location, cancellationToken).ConfigureAwait(false);
        }

        Log.IncompleteUnloadRemoved(logger, location, deleted);
        return deleted;
    }

    /// <summary>
    /// Refuses what cannot be a run folder before anything is listed: a bucket's root, or a folder not named as unloads
    /// name theirs (a mistyped parent folder would otherwise lose every run under it that has no manifest yet).
    /// </summary>
    public static string? Refusal(string runFolder, DestinationAddress address)
    {
        if (address.Kind != DestinationKind.S3)
        {
            return $"'{runFolder}' is not in S3: an unload's run folder is s3://bucket/prefix/TABLE/run-…/, as TransferProgress.UnloadFolder names it.";
        }

        var last = address.Prefix[(address.Prefix.LastIndexOf('/') + 1)..];
        return last.StartsWith(RunNamePrefix, StringComparison.Ordinal) && last.Length > RunNamePrefix.Length
            ? null
            : $"'{runFolder}' is not an unload's run folder (s3://bucket/prefix/TABLE/run-…/, as TransferProgress.UnloadFolder names it): nothing was deleted.";
    }

    /// <summary>A run's manifest, or a streamed file's (<c>.manifest.json</c>): either marks published data.</summary>
    private static bool IsManifest(string name) => name.EndsWith(TransferManifest.RunFolderFileName, StringComparison.Ordinal);

    private static async Task<List<string>> ListAsync(IAmazonS3 client, string bucket, string prefix, string location, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        while (true)
        {
            ListObjectsV2Response page;
            try
            {
                page = await client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw Error(e, bucket, location);
            }

            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                return keys;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private static async Task<int> DeleteAsync(IAmazonS3 client, string bucket, string[] keys, string location, CancellationToken cancellationToken)
    {
        var request = new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = keys.Select(k => new KeyVersion { Key = k }).ToList(),
            Quiet = true,
        };
        DeleteObjectsResponse response;
        try
        {
            response = await client.DeleteObjectsAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Error(e, bucket, location);
        }

        var errors = response.DeleteErrors ?? [];
        if (errors.Count > 0)
        {
            var first = errors[0];
            throw new DestinationException(
                DestinationErrorKind.Failed,
                $"S3 did not delete {errors.Count} of the files of the incomplete unload {location} (first: {first.Key}, {first.Code}); call again to delete the rest.");
        }

        return keys.Length;
    }

    private static Exception Error(Exception e, string bucket, string location) => e is AmazonS3Exception s3
        && (s3.StatusCode == System.Net.HttpStatusCode.Forbidden || s3.ErrorCode == "AccessDenied")
        ? new DestinationException(
            DestinationErrorKind.AccessDenied,
            $"Access denied cleaning up the incomplete unload {location} ({s3.ErrorCode ?? "403"}): the bucket policy must grant s3:ListBucket and s3:DeleteObject to remove it.",
            s3)
        : S3Errors.Map(e, bucket, location);
}
