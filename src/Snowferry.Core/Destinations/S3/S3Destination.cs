using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Internal;

namespace Snowferry.Destinations.S3;

/// <summary>
/// An S3 bucket (or an S3-compatible store) written through the low-level API: one <c>PutObject</c> for an object that
/// fits one part, else a multipart upload fed part by part; SHA-256 checksums on every request; <c>If-None-Match: *</c>
/// on the write that makes the object visible unless overwriting; the object's size checked after the write.
/// </summary>
internal sealed class S3Destination : ITransferDestination
{
    private readonly ILogger _logger;

    /// <summary>Creates the destination; <paramref name="client"/> stays the caller's to dispose.</summary>
    /// <exception cref="DestinationException"><paramref name="bucket"/> is not a valid bucket name.</exception>
    public S3Destination(IAmazonS3 client, string bucket, TimeProvider timeProvider, ILogger<S3Destination>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        S3BucketNames.Validate(bucket);
        Client = client;
        Bucket = bucket;
        TimeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    internal IAmazonS3 Client { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger => _logger;

    /// <inheritdoc />
    public string DescribeLocation(string key) => $"s3://{Bucket}/{key}";

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            await Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw S3Errors.Map(e, Bucket, DescribeLocation(key));
        }
    }

    /// <inheritdoc />
    public async Task<IDestinationUpload> BeginUploadAsync(string key, DestinationUploadOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var location = DescribeLocation(key);
        if (!options.Overwrite)
        {
            // The early, friendly refusal; the conditional write on commit is what makes it safe against a race.
            try
            {
                if (await ExistsAsync(key, cancellationToken).ConfigureAwait(false))
                {
                    throw new DestinationExistsException(location);
                }
            }
            catch (DestinationException e) when (e.Kind == DestinationErrorKind.AccessDenied && options.IfNoneMatch)
            {
                // Without s3:ListBucket, S3 answers 403 for a missing key: go on, the conditional write still guards (a
                // check-then-write has no other guard, so there the 403 stands).
                Log.ExistenceCheckSkipped(_logger, location, 403);
            }
        }

        return new S3Upload(this, key, options);
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(DestinationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var location = DescribeLocation(commit.Key);
        try
        {
            // GetObject's response body is the network stream itself: read as it arrives, never buffered whole.
            var response = await Client.GetObjectAsync(
                new GetObjectRequest { BucketName = Bucket, Key = commit.Key, VersionId = commit.VersionId },
                cancellationToken).ConfigureAwait(false);
            return new S3ReadStream(response);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "NoSuchKey" or "NoSuchVersion")
        {
            throw new DestinationException(
                DestinationErrorKind.NotFound, $"{location} does not exist: it was deleted or replaced after it was written.", e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.Forbidden || e.ErrorCode == "AccessDenied")
        {
            // S3Errors speaks of writing and s3:PutObject; a read needs another permission.
            throw new DestinationException(
                DestinationErrorKind.AccessDenied,
                $"Access denied reading {location} ({e.ErrorCode ?? "403"}): the bucket policy must grant s3:GetObject (and s3:GetObjectVersion in a versioned bucket) to read a file back.",
                e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw S3Errors.Map(e, Bucket, location);
        }
    }
}
