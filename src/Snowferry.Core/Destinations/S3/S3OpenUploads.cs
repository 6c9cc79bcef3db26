using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Snowferry.Internal;

namespace Snowferry.Destinations.S3;

/// <summary>
/// The multipart uploads open at one key: what a killed process leaves of an upload it could not abort. Their parts are
/// billed until aborted (or until a lifecycle rule for incomplete uploads removes them), and they are never visible.
/// </summary>
internal static class S3OpenUploads
{
    /// <summary>Aborts every multipart upload open at exactly <paramref name="key"/>; returns how many it aborted.</summary>
    /// <exception cref="DestinationException">S3 refused the listing or an abort, or could not be reached.</exception>
    public static async Task<int> AbortAllAsync(IAmazonS3 client, string bucket, string key, ILogger logger, CancellationToken cancellationToken)
    {
        var location = $"s3://{bucket}/{key}";
        var aborted = 0;
        foreach (var uploadId in await ListAsync(client, bucket, key, location, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await client.AbortMultipartUploadAsync(bucket, key, uploadId, cancellationToken).ConfigureAwait(false);
                aborted++;
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
            {
                // Completed or aborted since the listing: nothing left to do for it.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw Error(e, bucket, location);
            }
        }

        if (aborted > 0)
        {
            Log.LeftoverUploadsAborted(logger, aborted, location);
        }

        return aborted;
    }

    /// <summary>
    /// The ids of the uploads at exactly <paramref name="key"/>. S3 lists by prefix, so uploads at longer keys that start
    /// with it (<c>a.csv</c> and <c>a.csv.manifest.json</c>) come back too and are skipped.
    /// </summary>
    private static async Task<List<string>> ListAsync(IAmazonS3 client, string bucket, string key, string location, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var request = new ListMultipartUploadsRequest { BucketName = bucket, Prefix = key };
        while (true)
        {
            ListMultipartUploadsResponse page;
            try
            {
                page = await client.ListMultipartUploadsAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw Error(e, bucket, location);
            }

            ids.AddRange((page.MultipartUploads ?? []).Where(u => string.Equals(u.Key, key, StringComparison.Ordinal)).Select(u => u.UploadId));
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextKeyMarker))
            {
                return ids;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.UploadIdMarker = page.NextUploadIdMarker;
        }
    }

    private static Exception Error(Exception e, string bucket, string location) => e is AmazonS3Exception s3
        && (s3.StatusCode == System.Net.HttpStatusCode.Forbidden || s3.ErrorCode == "AccessDenied")
        ? new DestinationException(
            DestinationErrorKind.AccessDenied,
            $"Access denied cleaning up the uploads at {location} ({s3.ErrorCode ?? "403"}): the bucket policy must grant s3:ListBucketMultipartUploads and s3:AbortMultipartUpload to abort what a killed transfer left open.",
            s3)
        : S3Errors.Map(e, bucket, location);
}
