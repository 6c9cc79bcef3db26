using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Snowferry.Tests.Destinations.S3;

/// <summary>
/// The real AWSSDK client against the local S3 server, answering writes (and on request reads) with the 403 AccessDenied AWS
/// gives credentials the bucket policy does not grant (fauxqs checks no policy). Counts the writes it refused.
/// </summary>
internal sealed class DenyingS3Client(AWSCredentials credentials, AmazonS3Config config) : AmazonS3Client(credentials, config)
{
    private int _writesAttempted;

    public int WritesAttempted => Volatile.Read(ref _writesAttempted);

    /// <summary>Deny HEAD too (no s3:GetObject/s3:ListBucket), not only the writes.</summary>
    public bool DenyReads { get; init; }

    public override Task<GetObjectMetadataResponse> GetObjectMetadataAsync(GetObjectMetadataRequest request, CancellationToken cancellationToken = default) =>
        DenyReads ? throw Denied() : base.GetObjectMetadataAsync(request, cancellationToken);

    public override Task<InitiateMultipartUploadResponse> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writesAttempted);
        throw Denied();
    }

    public override Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writesAttempted);
        throw Denied();
    }

    private static AmazonS3Exception Denied() =>
        new("Access Denied", ErrorType.Sender, "AccessDenied", "test-request", HttpStatusCode.Forbidden);
}
