using System.Collections.Concurrent;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Snowferry.Destinations.Internal;
using Snowferry.Internal;

namespace Snowferry.Destinations.S3;

/// <summary>One object going to S3: parts as they fill, then <c>PutObject</c> or <c>CompleteMultipartUpload</c>.</summary>
internal sealed partial class S3Upload : IDestinationUpload
{
    private readonly S3Destination _destination;
    private readonly DestinationUploadOptions _options;
    private readonly PartWriteStream _stream;
    private readonly ConcurrentDictionary<int, PartETag> _parts = new();
    private readonly Lock _startLock = new();
    private Task<string>? _uploadId;
    private bool _multipartCompleted;
    private static readonly TimeSpan s_createTimeout = TimeSpan.FromMinutes(2);
    private int _state; // 0 open, 1 committing, 2 committed, 3 aborted

    public S3Upload(S3Destination destination, string key, DestinationUploadOptions options)
    {
        _destination = destination;
        _options = options;
        Key = key;
        Location = destination.DescribeLocation(key);
        _stream = new PartWriteStream(options.PartSize, options.MaxPartsInFlight, UploadPartAsync);
    }

    public string Key { get; }

    public string Location { get; }

    public Stream Stream => _stream;

    public long BytesWritten => _stream.Length;

    private IAmazonS3 Client => _destination.Client;

    private string Bucket => _destination.Bucket;

    public async Task<DestinationCommit> CommitAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The upload was already committed or aborted.");
        }

        try
        {
            var (last, sha256) = await _stream.FinishAsync(cancellationToken).ConfigureAwait(false);
            var commit = _stream.PartsStarted == 0
                ? await PutAsync(last, sha256, cancellationToken).ConfigureAwait(false)
                : await CompleteAsync(last, sha256, cancellationToken).ConfigureAwait(false);
            await VerifyAsync(commit).ConfigureAwait(false);
            _state = 2;
            _stream.Release();
            Log.UploadCommitted(_destination.Logger, Location, commit.Bytes, commit.PartCount);
            return commit;
        }
        catch (Exception e)
        {
            await AbortAsync().ConfigureAwait(false);
            throw S3Errors.Map(e, Bucket, Location);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _state) != 2)
        {
            await AbortAsync().ConfigureAwait(false);
        }
    }

    private async Task UploadPartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken)
    {
        try
        {
            var uploadId = await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
            var etag = await SendPartAsync(uploadId, partNumber, part, isLast: false, cancellationToken).ConfigureAwait(false);
            _parts[partNumber] = etag;
        }
        catch (Exception e)
        {
            throw S3Errors.Map(e, Bucket, Location);
        }
    }

    private Task<string> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        Task<string> started;
        lock (_startLock)
        {
            started = _uploadId ??= StartMultipartAsync();
        }

        return started.WaitAsync(cancellationToken);
    }

    private async Task<string> StartMultipartAsync()
    {
        // Never cancelled half-way: a creation the server saw but whose answer was dropped would leave an upload that
        // no one knows to abort. It runs to its end (or a timeout) so that AbortAsync always learns the id.
        using var timeout = new CancellationTokenSource(s_createTimeout);
        var cancellationToken = timeout.Token;
        var response = await Client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest
            {
                BucketName = Bucket,
                Key = Key,
                ContentType = _options.ContentType,
                ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            },
            cancellationToken).ConfigureAwait(false);
        Log.MultipartStarted(_destination.Logger, Location);
        return response.UploadId;
    }

    private async Task<PartETag> SendPartAsync(string uploadId, int partNumber, ReadOnlyMemory<byte> part, bool isLast, CancellationToken cancellationToken)
    {
        var checksum = Convert.ToBase64String(SHA256.HashData(part.Span));
        using var body = AsStream(part);
        var response = await Client.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = Bucket,
                Key = Key,
                UploadId = uploadId,
                PartNumber = partNumber,
                PartSize = part.Length,
                InputStream = body,
                IsLastPart = isLast,
                ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
                ChecksumSHA256 = checksum,
            },
            cancellationToken).ConfigureAwait(false);
        Log.PartUploaded(_destination.Logger, partNumber, part.Length, Location);
        return new PartETag { PartNumber = partNumber, ETag = response.ETag, ChecksumSHA256 = checksum };
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
