using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Testing;

namespace Snowferry.Tests.Destinations.S3;

/// <summary>The S3 destination through AWSSDK.S3 against the local S3 server (fauxqs) on loopback.</summary>
public sealed partial class S3DestinationTests : IClassFixture<LocalS3Fixture>
{
    private const int PartSize = DestinationUploadOptions.MinPartSize;
    private static readonly DateTimeOffset s_now = new(2026, 11, 24, 10, 15, 31, TimeSpan.Zero);

    private readonly LocalS3Fixture _s3;
    private readonly FakeTimeProvider _time = new(s_now);

    public S3DestinationTests(LocalS3Fixture s3)
    {
        _s3 = s3;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewKey(string name) => $"tests/{name}/{ObjectKeys.NewShortId()}.bin";

    private S3Destination CreateSut(Amazon.S3.IAmazonS3? client = null) => new(client ?? _s3.Client, _s3.Bucket, _time);

    private RecordingS3Client CreateRecordingClient(TimeSpan partDelay = default, int? failPart = null, bool preconditionFails = false) =>
        new(_s3.Credentials, _s3.CreateConfig()) { PartDelay = partDelay, FailPart = failPart, PreconditionFails = preconditionFails };

    private static DestinationUploadOptions Options(bool overwrite = false, int maxInFlight = 4) =>
        new() { PartSize = PartSize, Overwrite = overwrite, MaxPartsInFlight = maxInFlight, ContentType = "application/octet-stream" };

    [Fact]
    public async Task Commit_SmallObject_SinglePutReadBackByteForByte()
    {
        using var client = CreateRecordingClient();
        var sut = CreateSut(client);
        var key = NewKey("small");
        var data = TestData.Bytes(100_000, seed: 1);

        await using var upload = await sut.BeginUploadAsync(key, Options(), Ct);
        await upload.Stream.WriteAsync(data, Ct);
        var commit = await upload.CommitAsync(Ct);

        Assert.Equal(data, await _s3.ReadObjectAsync(key, Ct));
        Assert.Equal(1, commit.PartCount);
        Assert.Equal(data.Length, commit.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), commit.Sha256);
        Assert.Equal("SHA256:" + Convert.ToBase64String(SHA256.HashData(data)), commit.StoreChecksum);
        Assert.Equal(s_now, commit.CommittedAt);
        Assert.Equal($"s3://{_s3.Bucket}/{key}", commit.Location);
        Assert.NotNull(commit.ETag);
        Assert.Equal(["Put"], client.Writes);
        Assert.Equal(["*"], client.IfNoneMatch);
    }

    [Fact]
    public async Task Commit_EmptyObject_WritesZeroBytes()
    {
        var key = NewKey("empty");
        await using var upload = await CreateSut().BeginUploadAsync(key, Options(), Ct);
        var commit = await upload.CommitAsync(Ct);

        Assert.Equal(0, commit.Bytes);
        Assert.Equal(Array.Empty<byte>(), await _s3.ReadObjectAsync(key, Ct));
    }

    [Fact]
    public async Task Commit_ExactlyOnePart_SinglePut()
    {
        using var client = CreateRecordingClient();
        var key = NewKey("one-part");
        var data = TestData.Bytes(PartSize, seed: 2);

        await using var upload = await CreateSut(client).BeginUploadAsync(key, Options(), Ct);
        upload.Stream.Write(data);
        var commit = await upload.CommitAsync(Ct);

        Assert.Equal(1, commit.PartCount);
        Assert.Equal(["Put"], client.Writes);
        Assert.Equal(data, await _s3.ReadObjectAsync(key, Ct));
    }

    [Fact]
    public async Task Commit_ManyPartsSyncWrites_ReadBackByteForByte()
    {
        using var client = CreateRecordingClient();
        var key = NewKey("multipart-sync");
        var data = TestData.Bytes((4 * PartSize) + 12_345, seed: 3);

        await using var upload = await CreateSut(client).BeginUploadAsync(key, Options(), Ct);
        // Odd-sized writes, as a Parquet writer makes them, crossing part boundaries.
        for (var offset = 0; offset < data.Length; offset += 777_777)
        {
            upload.Stream.Write(data, offset, Math.Min(777_777, data.Length - offset));
        }

        var commit = await upload.CommitAsync(Ct);

        Assert.Equal(data, await _s3.ReadObjectAsync(key, Ct));
        Assert.Equal(5, commit.PartCount);
        Assert.Equal(data.Length, commit.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), commit.Sha256);
        Assert.Equal("SHA256:" + CompositeSha256(data, PartSize), commit.StoreChecksum);
        Assert.Equal("Initiate", client.Writes[0]);
        Assert.Equal("Complete", client.Writes[^1]);
        Assert.Equal(5, client.Writes.Count(c => c.StartsWith("UploadPart", StringComparison.Ordinal)));
        Assert.DoesNotContain("Abort", client.Writes);
        Assert.Equal(["*"], client.IfNoneMatch);
    }

    /// <summary>S3's COMPOSITE SHA-256 of a multipart object, computed independently: over the parts' raw digests, then "-N".</summary>
    private static string CompositeSha256(byte[] data, int partSize)
    {
        var digests = data.Chunk(partSize).SelectMany(SHA256.HashData).ToArray();
        return Convert.ToBase64String(SHA256.HashData(digests)) + "-" + data.Chunk(partSize).Count();
    }

    [Fact]
    public async Task Commit_ManyPartsAsyncWrites_ReadBackByteForByte()
    {
        var key = NewKey("multipart-async");
        var data = TestData.Bytes((3 * PartSize) + 1, seed: 4);

        await using var upload = await CreateSut().BeginUploadAsync(key, Options(), Ct);
        for (var offset = 0; offset < data.Length; offset += 1_000_003)
        {
            await upload.Stream.WriteAsync(data.AsMemory(offset, Math.Min(1_000_003, data.Length - offset)), Ct);
        }

        var commit = await upload.CommitAsync(Ct);

        Assert.Equal(data, await _s3.ReadObjectAsync(key, Ct));
        Assert.Equal(4, commit.PartCount);
    }

    [Fact]
    public async Task Write_SlowParts_NeverMoreThanMaxPartsInFlight()
    {
        using var client = CreateRecordingClient(partDelay: TimeSpan.FromMilliseconds(50));
        var key = NewKey("bounded");
        var data = TestData.Bytes((7 * PartSize) + 10, seed: 5);

        await using var upload = await CreateSut(client).BeginUploadAsync(key, Options(maxInFlight: 2), Ct);
        upload.Stream.Write(data);
        var commit = await upload.CommitAsync(Ct);

        Assert.Equal(8, commit.PartCount);
        Assert.InRange(client.MaxPartsInFlight, 1, 2);
        Assert.Equal(data, await _s3.ReadObjectAsync(key, Ct));
    }
}
