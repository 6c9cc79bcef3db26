using System.Security.Cryptography;
using Snowferry.Destinations;
using Snowferry.Destinations.Local;
using Snowferry.Destinations.S3;
using Snowferry.Testing;

namespace Snowferry.Tests.Extensions;

/// <summary>
/// What every <see cref="ITransferDestination"/> does, run for S3 (the local S3 server), a local folder and the toy
/// <see cref="InMemoryDestination"/>: nothing visible before commit, nothing left by an upload disposed uncommitted,
/// an existing object refused unless overwriting, and the bytes read back as they were written.
/// </summary>
public sealed class DestinationConformanceTests(LocalS3Fixture s3) : IClassFixture<LocalS3Fixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> Destinations => ["s3", "folder", "memory"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Destinations))]
    public async Task CommitAsync_Written_VisibleOnlyThenAndReadsBackTheSameBytes(string kind)
    {
        var sut = Create(kind);
        var key = NewKey("commit");
        var data = TestData.Bytes(300_000, seed: 3);

        await using var upload = await sut.BeginUploadAsync(key, Options(), Ct);
        await upload.Stream.WriteAsync(data, Ct);
        Assert.False(await sut.ExistsAsync(key, Ct));
        var commit = await upload.CommitAsync(Ct);

        Assert.True(await sut.ExistsAsync(key, Ct));
        Assert.Equal(key, commit.Key);
        Assert.Equal(sut.DescribeLocation(key), commit.Location);
        Assert.Equal(data.Length, commit.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), commit.Sha256);
        Assert.Equal(data, await ReadAsync(sut, commit));
    }

    [Theory]
    [MemberData(nameof(Destinations))]
    public async Task OpenReadAsync_ObjectOfSeveralParts_ReadsBackTheSameBytes(string kind)
    {
        var sut = Create(kind);
        var data = TestData.Bytes((2 * DestinationUploadOptions.MinPartSize) + 1234, seed: 4);

        var commit = await WriteAsync(sut, NewKey("parts"), data, Options());

        Assert.Equal(data, await ReadAsync(sut, commit));
    }

    [Theory]
    [MemberData(nameof(Destinations))]
    public async Task DisposeAsync_WithoutCommit_LeavesNothing(string kind)
    {
        var sut = Create(kind);
        var key = NewKey("abort");

        await using (var upload = await sut.BeginUploadAsync(key, Options(), Ct))
        {
            await upload.Stream.WriteAsync(TestData.Bytes(10_000, seed: 5), Ct);
        }

        Assert.False(await sut.ExistsAsync(key, Ct));
        var error = await Assert.ThrowsAsync<DestinationException>(() => ReadAsync(sut, CommitOf(sut, key)));
        Assert.Equal(DestinationErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [MemberData(nameof(Destinations))]
    public async Task BeginUploadAsync_ExistingObject_RefusedUnlessOverwriting(string kind)
    {
        var sut = Create(kind);
        var key = NewKey("exists");
        var first = TestData.Bytes(1000, seed: 6);
        var second = TestData.Bytes(2000, seed: 7);
        await WriteAsync(sut, key, first, Options());

        await Assert.ThrowsAsync<DestinationExistsException>(() => WriteAsync(sut, key, second, Options()));
        Assert.Equal(first, await ReadAsync(sut, CommitOf(sut, key)));

        var commit = await WriteAsync(sut, key, second, Options() with { Overwrite = true });
        Assert.Equal(second, await ReadAsync(sut, commit));
    }

    [Theory]
    [MemberData(nameof(Destinations))]
    public async Task OpenReadAsync_NoSuchObject_ThrowsNotFound(string kind)
    {
        var sut = Create(kind);

        var error = await Assert.ThrowsAsync<DestinationException>(() => sut.OpenReadAsync(CommitOf(sut, NewKey("missing")), Ct));

        Assert.Equal(DestinationErrorKind.NotFound, error.Kind);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    private static string NewKey(string name) => $"conformance/{name}/{ObjectKeys.NewShortId()}.bin";

    private static DestinationUploadOptions Options() => new() { PartSize = DestinationUploadOptions.MinPartSize };

    /// <summary>A commit for an object this test did not commit itself (or that was never written).</summary>
    private static DestinationCommit CommitOf(ITransferDestination destination, string key) => new()
    {
        Key = key,
        Location = destination.DescribeLocation(key),
        Bytes = 0,
        Sha256 = string.Empty,
        PartCount = 1,
        CommittedAt = DateTimeOffset.UnixEpoch,
    };

    private static async Task<DestinationCommit> WriteAsync(ITransferDestination destination, string key, byte[] data, DestinationUploadOptions options)
    {
        await using var upload = await destination.BeginUploadAsync(key, options, Ct);
        await upload.Stream.WriteAsync(data, Ct);
        return await upload.CommitAsync(Ct);
    }

    private static async Task<byte[]> ReadAsync(ITransferDestination destination, DestinationCommit commit)
    {
        await using var stream = await destination.OpenReadAsync(commit, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private ITransferDestination Create(string kind) => kind switch
    {
        "s3" => new S3Destination(s3.Client, s3.Bucket, TimeProvider.System),
        "folder" => new LocalFolderDestination(_temp.Combine("out"), TimeProvider.System),
        "memory" => new InMemoryDestination(TimeProvider.System),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown destination."),
    };
}
