using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Snowferry.Destinations;
using Snowferry.Destinations.Local;
using Snowferry.Testing;

namespace Snowferry.Tests.Destinations.Local;

public sealed class LocalFolderDestinationTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 24, 10, 15, 31, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private LocalFolderDestination CreateSut() => new(_temp.Combine("out"), new FakeTimeProvider(s_now));

    private string[] AllFiles() => Directory.Exists(_temp.Combine("out"))
        ? Directory.GetFiles(_temp.Combine("out"), "*", SearchOption.AllDirectories)
        : [];

    [Fact]
    public async Task Commit_NestedKey_FileAppearsOnlyOnCommit()
    {
        var sut = CreateSut();
        var data = TestData.Bytes(300_000, seed: 1);
        var final = _temp.Combine("out/T/T_1.parquet");

        await using var upload = await sut.BeginUploadAsync("T/T_1.parquet", new DestinationUploadOptions(), Ct);
        upload.Stream.Write(data.AsSpan(0, 1000));
        await upload.Stream.WriteAsync(data.AsMemory(1000), Ct);
        Assert.False(File.Exists(final));

        var commit = await upload.CommitAsync(Ct);

        Assert.Equal(data, await File.ReadAllBytesAsync(final, Ct));
        Assert.Equal([final], AllFiles());
        Assert.Equal(data.Length, commit.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), commit.Sha256);
        Assert.Equal(new Uri(final).AbsoluteUri, commit.Location);
        Assert.Equal(s_now, commit.CommittedAt);
    }

    [Fact]
    public async Task Commit_WriterClosedTheStream_StillCommits()
    {
        await using var upload = await CreateSut().BeginUploadAsync("a.csv", new DestinationUploadOptions(), Ct);
        await using (var writer = new StreamWriter(upload.Stream))
        {
            await writer.WriteAsync("x,y\n1,2\n");
        }

        var commit = await upload.CommitAsync(Ct);

        Assert.Equal(8, commit.Bytes);
        Assert.Equal("x,y\n1,2\n", await File.ReadAllTextAsync(_temp.Combine("out/a.csv"), Ct));
    }

    [Fact]
    public async Task Dispose_WithoutCommit_LeavesNothing()
    {
        await using (var upload = await CreateSut().BeginUploadAsync("T/x.bin", new DestinationUploadOptions(), Ct))
        {
            await upload.Stream.WriteAsync(TestData.Bytes(1000, seed: 2), Ct);
        }

        Assert.Empty(AllFiles());
    }

    [Fact]
    public async Task Commit_Cancelled_LeavesNothing()
    {
        using var cts = new CancellationTokenSource();
        await using var upload = await CreateSut().BeginUploadAsync("x.bin", new DestinationUploadOptions(), Ct);
        await upload.Stream.WriteAsync(TestData.Bytes(1000, seed: 3), Ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.CommitAsync(cts.Token));

        Assert.Empty(AllFiles());
    }

    [Fact]
    public async Task BeginUpload_ExistingFile_RefusedAndUntouched()
    {
        var sut = CreateSut();
        await WriteAsync(sut, "x.bin", [1, 2, 3], overwrite: false);

        var error = await Assert.ThrowsAsync<DestinationExistsException>(() => sut.BeginUploadAsync("x.bin", new DestinationUploadOptions(), Ct));

        Assert.Contains("TransferOptions.Overwrite", error.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(_temp.Combine("out/x.bin"), Ct));
    }

    [Fact]
    public async Task Commit_FileAppearedMeanwhile_RefusedAndUntouched()
    {
        var sut = CreateSut();
        await using var upload = await sut.BeginUploadAsync("x.bin", new DestinationUploadOptions(), Ct);
        await upload.Stream.WriteAsync(new byte[] { 9, 9 }, Ct);
        await File.WriteAllBytesAsync(_temp.Combine("out/x.bin"), [1], Ct);

        await Assert.ThrowsAsync<DestinationExistsException>(() => upload.CommitAsync(Ct));

        Assert.Equal([_temp.Combine("out/x.bin")], AllFiles());
        Assert.Equal([1], await File.ReadAllBytesAsync(_temp.Combine("out/x.bin"), Ct));
    }

    [Fact]
    public async Task BeginUpload_ExistingFileWithOverwrite_Replaced()
    {
        var sut = CreateSut();
        await WriteAsync(sut, "x.bin", [1, 2, 3], overwrite: false);

        await WriteAsync(sut, "x.bin", [4, 5], overwrite: true);

        Assert.Equal([4, 5], await File.ReadAllBytesAsync(_temp.Combine("out/x.bin"), Ct));
        Assert.True(await sut.ExistsAsync("x.bin", Ct));
    }

    [Theory]
    [InlineData("../escape.bin")]
    [InlineData("a//b.bin")]
    [InlineData("a/./b.bin")]
    public async Task BeginUpload_KeyClimbingOut_Refused(string key)
    {
        var error = await Assert.ThrowsAsync<DestinationException>(() => CreateSut().BeginUploadAsync(key, new DestinationUploadOptions(), Ct));

        Assert.Equal(DestinationErrorKind.InvalidAddress, error.Kind);
    }

    private static async Task WriteAsync(LocalFolderDestination sut, string key, byte[] data, bool overwrite)
    {
        await using var upload = await sut.BeginUploadAsync(key, new DestinationUploadOptions { Overwrite = overwrite }, Ct);
        await upload.Stream.WriteAsync(data, Ct);
        await upload.CommitAsync(Ct);
    }
}
