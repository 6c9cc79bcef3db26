using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Snowferry.Internal;

namespace Snowferry.Destinations.S3;

internal sealed partial class S3Upload
{
    /// <summary>
    /// The request that makes the object visible, and the checks after it, are not cancelled by the caller: cancelling
    /// half-way could leave an object at the key while the run reports a failure. Cancellation is honoured up to
    /// that request; the request itself is bounded by this timeout.
    /// </summary>
    private static readonly TimeSpan s_finalStepTimeout = TimeSpan.FromMinutes(5);

    private async Task<DestinationCommit> PutAsync(ReadOnlyMemory<byte> body, byte[] sha256, CancellationToken cancellationToken)
    {
        var checksum = Convert.ToBase64String(sha256);
        using var stream = AsStream(body);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = Key,
            InputStream = stream,
            AutoCloseStream = false,
            ContentType = _options.ContentType,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            ChecksumSHA256 = checksum,
        };
        if (_options.IfNoneMatch)
        {
            request.IfNoneMatch = "*";
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var finalStep = new CancellationTokenSource(s_finalStepTimeout);
        var response = await Client.PutObjectAsync(request, finalStep.Token).ConfigureAwait(false);
        var commit = Commit(body.Length, sha256, "SHA256:" + checksum, response.ETag, response.VersionId, 1);
        await CheckStoreChecksumAsync(commit, response.ChecksumSHA256, checksum).ConfigureAwait(false);
        return commit with { StoreChecksumConfirmed = !string.IsNullOrEmpty(response.ChecksumSHA256) };
    }

    private async Task<DestinationCommit> CompleteAsync(ReadOnlyMemory<byte> last, byte[] sha256, CancellationToken cancellationToken)
    {
        var uploadId = await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        var partCount = _stream.PartsStarted;
        if (!last.IsEmpty)
        {
            partCount++;
            _parts[partCount] = await SendPartAsync(uploadId, partCount, last, isLast: true, cancellationToken).ConfigureAwait(false);
        }

        var parts = Enumerable.Range(1, partCount).Select(n => _parts[n]).ToList();
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = Bucket,
            Key = Key,
            UploadId = uploadId,
            PartETags = parts,
            MpuObjectSize = _stream.Length,
        };
        if (_options.IfNoneMatch)
        {
            request.IfNoneMatch = "*";
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var finalStep = new CancellationTokenSource(s_finalStepTimeout);
        var response = await Client.CompleteMultipartUploadAsync(request, finalStep.Token).ConfigureAwait(false);
        _multipartCompleted = true;
        var composite = CompositeChecksum(parts);
        var commit = Commit(_stream.Length, sha256, "SHA256:" + composite, response.ETag, response.VersionId, partCount);
        await CheckStoreChecksumAsync(commit, response.ChecksumSHA256, composite).ConfigureAwait(false);
        return commit with { StoreChecksumConfirmed = !string.IsNullOrEmpty(response.ChecksumSHA256) };
    }

    private DestinationCommit Commit(long bytes, byte[] sha256, string storeChecksum, string? etag, string? versionId, int partCount) => new()
    {
        Key = Key,
        Location = Location,
        Bytes = bytes,
        Sha256 = Convert.ToHexStringLower(sha256),
        StoreChecksum = storeChecksum,
        ETag = etag,
        VersionId = string.IsNullOrEmpty(versionId) ? null : versionId,
        PartCount = partCount,
        CommittedAt = _destination.TimeProvider.GetUtcNow(),
    };

    /// <summary>S3's checksum of a multipart object: the checksum of the parts' raw checksums, then "-N".</summary>
    private static string CompositeChecksum(List<PartETag> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(Convert.FromBase64String(part.ChecksumSHA256));
        }

        return Convert.ToBase64String(hash.GetHashAndReset()) + "-" + parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>When the store reports a checksum, it must be the one computed here from the bytes sent.</summary>
    private async Task CheckStoreChecksumAsync(DestinationCommit commit, string? reported, string expected)
    {
        if (!string.IsNullOrEmpty(reported) && !string.Equals(reported, expected, StringComparison.Ordinal))
        {
            await DeleteQuietlyAsync(commit.VersionId).ConfigureAwait(false);
            throw new DestinationException(
                DestinationErrorKind.IntegrityMismatch,
                $"S3 reports SHA-256 checksum {reported} for {Location} but the bytes sent give {expected}; the object was removed. Run the transfer again.");
        }
    }

    private async Task VerifyAsync(DestinationCommit commit)
    {
        using var finalStep = new CancellationTokenSource(s_finalStepTimeout);
        var cancellationToken = finalStep.Token;
        GetObjectMetadataResponse head;
        try
        {
            head = await Client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = Bucket, Key = Key, VersionId = commit.VersionId },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            // A write-only grant (s3:PutObject without s3:GetObject) cannot read the object back; the write's answer stands.
            Log.VerificationSkipped(_destination.Logger, Location, 403);
            return;
        }

        if (head.ContentLength != commit.Bytes)
        {
            // What is there is not what was written: take it away rather than leave a wrong file for the stakeholder.
            await DeleteQuietlyAsync(commit.VersionId).ConfigureAwait(false);
            throw new DestinationException(
                DestinationErrorKind.IntegrityMismatch,
                $"S3 holds {head.ContentLength} bytes at {Location} but {commit.Bytes} were written; the object was removed. Run the transfer again.");
        }
    }

    private async Task AbortAsync()
    {
        if (Interlocked.Exchange(ref _state, 3) is 2 or 3)
        {
            return;
        }

        await _stream.AbortAsync().ConfigureAwait(false);
        _stream.Release();
        Task<string>? started;
        lock (_startLock)
        {
            started = _uploadId;
        }

        if (started is not null && !_multipartCompleted)
        {
            try
            {
                var uploadId = await started.ConfigureAwait(false);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await Client.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = Bucket, Key = Key, UploadId = uploadId },
                    timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonS3Exception or OperationCanceledException or HttpRequestException or IOException or Amazon.Runtime.AmazonServiceException)
            {
                // The creation itself failed (nothing to abort), or the abort did: say so, never hide the first error.
                if (started.IsCompletedSuccessfully)
                {
                    Log.AbortFailed(_destination.Logger, Location, e);
                }
            }
        }

        Log.UploadAborted(_destination.Logger, Location);
    }

    private async Task DeleteQuietlyAsync(string? versionId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = Key, VersionId = versionId }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonS3Exception or OperationCanceledException or HttpRequestException or IOException or Amazon.Runtime.AmazonServiceException)
        {
            Log.AbortFailed(_destination.Logger, Location, e);
        }
    }
}
