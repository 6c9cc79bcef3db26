using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Snowferry.Tests.Destinations.S3;

/// <summary>
/// The real AWSSDK client against the local S3 server, recording the requests of an upload and counting the parts in
/// flight; on cue it fails a part or answers a conditional write with 412 as AWS S3 does (fauxqs ignores If-None-Match).
/// </summary>
internal sealed class RecordingS3Client : AmazonS3Client
{
    private int _inFlight;
    private int _maxInFlight;

    public RecordingS3Client(AWSCredentials credentials, AmazonS3Config config)
        : base(credentials, config)
    {
    }

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<string?> IfNoneMatch { get; } = new();

    /// <summary>The calls that write (all but HEAD), in order.</summary>
    public IReadOnlyList<string> Writes => [.. Calls.Where(c => c != "Head")];

    public int MaxPartsInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Held inside each UploadPart so that parts overlap (the assertion is on counts, not on time).</summary>
    public TimeSpan PartDelay { get; init; }

    /// <summary>This part number fails with a 500 from "S3".</summary>
    public int? FailPart { get; init; }

    /// <summary>PutObject and CompleteMultipartUpload with If-None-Match answer 412, as AWS does when the key exists.</summary>
    public bool PreconditionFails { get; init; }

    public override Task<InitiateMultipartUploadResponse> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("Initiate");
        return base.InitiateMultipartUploadAsync(request, cancellationToken);
    }

    public override async Task<UploadPartResponse> UploadPartAsync(UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"UploadPart {request.PartNumber}");
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            await Task.Delay(PartDelay, cancellationToken);
            if (request.PartNumber == FailPart)
            {
                throw new AmazonS3Exception("We encountered an internal error. Please try again.", ErrorType.Receiver, "InternalError", "test", System.Net.HttpStatusCode.InternalServerError);
            }

            return await base.UploadPartAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The checksum S3 reports for a completed multipart object is replaced, as if the store held other bytes.</summary>
    public bool ReportWrongChecksum { get; init; }

    public override async Task<CompleteMultipartUploadResponse> CompleteMultipartUploadAsync(CompleteMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("Complete");
        IfNoneMatch.Enqueue(request.IfNoneMatch);
        if (PreconditionFails && request.IfNoneMatch == "*")
        {
            throw PreconditionFailed();
        }

        var response = await base.CompleteMultipartUploadAsync(request, cancellationToken);
        if (ReportWrongChecksum)
        {
            response.ChecksumSHA256 = Convert.ToBase64String(new byte[32]) + "-9";
        }

        return response;
    }

    public override Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("Put");
        IfNoneMatch.Enqueue(request.IfNoneMatch);
        return PreconditionFails && request.IfNoneMatch == "*"
            ? Task.FromException<PutObjectResponse>(PreconditionFailed())
            : base.PutObjectAsync(request, cancellationToken);
    }

    /// <summary>HEAD answers 403, as S3 does for a missing key when the caller lacks s3:ListBucket.</summary>
    public bool HeadForbidden { get; init; }

    public override Task<GetObjectMetadataResponse> GetObjectMetadataAsync(GetObjectMetadataRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("Head");
        return HeadForbidden
            ? Task.FromException<GetObjectMetadataResponse>(new AmazonS3Exception("Forbidden", ErrorType.Sender, "Forbidden", "test", System.Net.HttpStatusCode.Forbidden))
            : base.GetObjectMetadataAsync(request, cancellationToken);
    }

    public override Task<AbortMultipartUploadResponse> AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("Abort");
        return base.AbortMultipartUploadAsync(request, cancellationToken);
    }

    private static AmazonS3Exception PreconditionFailed() =>
        new("At least one of the pre-conditions you specified did not hold", ErrorType.Sender, "PreconditionFailed", "test", System.Net.HttpStatusCode.PreconditionFailed);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
