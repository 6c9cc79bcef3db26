using Amazon.S3;
using Amazon.S3.Model;
using Snowferry.Destinations;
using Snowferry.Testing;
using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// What a killed streamed transfer leaves behind, made visible and undoable: the progress names the statement and the
/// upload as soon as each has started, and <see cref="SnowferryDataSource.AbortUploadsAsync"/> aborts what an upload
/// left open. Through the fault proxy, which also plays S3's ListMultipartUploads (the emulator lacks it). The result
/// cache stays on: a held statement is held whether it runs or is answered from the cache.
/// </summary>
public sealed class TransferCleanupTests(FaultFixture fixture) : IClassFixture<FaultFixture>, IDisposable
{
    private const string Table = "LOCATIONS_595";

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Bucket => fixture.Transfer.S3.Bucket;

    private IAmazonS3 Client => fixture.ProxiedClient;

    public void Dispose() => fixture.Proxy.Reset();

    [Fact]
    public async Task RunAsync_StreamProgress_NamesTheRunningStatementAndTheUploadBeforeAnyPartIsSent()
    {
        var plan = await fixture.ProxiedDataSource.PlanAsync(Table, cancellationToken: Ct);
        using var hold = new StatementHold(fixture.Transfer.Snowflake.Host.Server.Faults, s => s.Statement == plan.Sql);
        var progress = new RecordingProgress();

        var transfer = fixture.CreateJob("progress").RunAsync(Table, new TransferOptions { Progress = progress }, Ct);
        var running = await hold.Started.WaitAsync(s_bound, Ct);
        // The aggregation is held on the server until released: a handle reported only once it finished would never come.
        var reported = await progress.QueryIdReported.WaitAsync(s_bound, Ct);
        var key = reported.Location![$"s3://{Bucket}/".Length..];
        var sentMeanwhile = fixture.Proxy.Records.Where(r => r.Path == $"/{Bucket}/{key}").Select(r => r.Operation).ToList();
        hold.Release();
        var report = await transfer;

        Assert.Equal(running.Handle, reported.QueryId);
        Assert.Equal(TransferPhase.Querying, reported.Phase);
        Assert.Equal([S3Operation.HeadObject], sentMeanwhile); // the existence check only: no part, no commit yet
        Assert.Equal(report.QueryId, reported.QueryId);
        Assert.Equal(report.Uri, reported.Location);
        var values = progress.Values;
        var located = values.FindIndex(v => v.Location is not null);
        Assert.InRange(located, 1, values.FindIndex(v => v.QueryId is not null) - 1);
        // Every later value still says it: a host that keeps only the latest value has everything.
        Assert.All(values[located..], v => Assert.Equal(report.Uri, v.Location));
        Assert.All(values[values.FindIndex(v => v.QueryId is not null)..], v => Assert.Equal(report.QueryId, v.QueryId));
        Assert.All(values, v => Assert.Null(v.UnloadFolder));
        Assert.Equal(TransferPhase.Done, values[^1].Phase);
    }

    [Fact]
    public async Task AbortUploadsAsync_UploadLeftOpenByACrash_AbortsItAndLeavesALongerKeyAlone()
    {
        fixture.Proxy.EmulateListMultipartUploads = true;
        const string Key = "crashed/ORDERS.parquet";
        const string Longer = Key + ".manifest.json";
        var (crashed, _) = await StartUploadAsync(Key);
        var (other, otherPart) = await StartUploadAsync(Longer);

        var aborted = await fixture.ProxiedDataSource.AbortUploadsAsync($"s3://{Bucket}/{Key}", Ct);

        Assert.Equal(1, aborted);
        var listed = await Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = Key }, Ct);
        Assert.Equal([(Longer, other)], (listed.MultipartUploads ?? []).Select(u => (u.Key, u.UploadId)));
        // The S3 server itself: the aborted upload takes no more parts; the other one still completes.
        var gone = await Assert.ThrowsAsync<AmazonS3Exception>(() => UploadPartAsync(Key, crashed, 2));
        Assert.Equal("NoSuchUpload", gone.ErrorCode);
        await Client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest { BucketName = Bucket, Key = Longer, UploadId = other, PartETags = [new PartETag(1, otherPart)] }, Ct);
        Assert.NotNull(await fixture.Transfer.S3.ReadObjectAsync(Longer, Ct));
        Assert.Equal(0, await fixture.ProxiedDataSource.AbortUploadsAsync($"s3://{Bucket}/{Key}", Ct));
    }

    [Fact]
    public async Task AbortUploadsAsync_UploadsListedInPages_AbortsEveryUploadAtTheKey()
    {
        fixture.Proxy.EmulateListMultipartUploads = true;
        fixture.Proxy.ListMultipartUploadsPageSize = 1;
        const string Key = "paged/ORDERS.csv";
        string[] ids = [(await StartUploadAsync(Key)).UploadId, (await StartUploadAsync(Key)).UploadId, (await StartUploadAsync(Key)).UploadId];
        var (longer, _) = await StartUploadAsync(Key + ".gz");

        var aborted = await fixture.ProxiedDataSource.AbortUploadsAsync($"s3://{Bucket}/{Key}", Ct);

        Assert.Equal(3, aborted);
        Assert.Equal([longer], fixture.Proxy.OpenUploads());
        Assert.Equal(
            ids.Order(StringComparer.Ordinal),
            fixture.Proxy.Records.Where(r => r.Operation == S3Operation.AbortMultipartUpload).Select(r => r.UploadId!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AbortUploadsAsync_LocalUploadLeftByACrash_DeletesItsTemporaryFileOnly()
    {
        using var folder = new TempDirectory();
        var destination = TransferDestinations.Create(TransferDestinations.Parse(folder.Path), () => Client, TimeProvider.System);
        const string Key = "T/T_1.csv";
        // A process killed mid-write never disposes its upload: the temporary file stays.
        var upload = await destination.BeginUploadAsync(Key, new DestinationUploadOptions(), Ct);
        await upload.Stream.WriteAsync("a,b\n"u8.ToArray(), Ct);
        await upload.Stream.FlushAsync(Ct);
        var other = await destination.BeginUploadAsync("T/T_2.csv", new DestinationUploadOptions(), Ct);
        await File.WriteAllTextAsync(folder.Combine("T/T_1.csv.manifest.json"), "{}", Ct);
        await File.WriteAllTextAsync(folder.Combine("T/.T_1.csv.notes.partial"), "not an upload's", Ct);
        var before = Directory.GetFiles(folder.Combine("T")).Select(Path.GetFileName).ToHashSet();

        var deleted = await fixture.ProxiedDataSource.AbortUploadsAsync(destination.DescribeLocation(Key), Ct);

        Assert.Equal(1, deleted);
        var after = Directory.GetFiles(folder.Combine("T")).Select(Path.GetFileName).ToList();
        var removed = Assert.Single(before.Except(after));
        Assert.StartsWith(".T_1.csv.", removed, StringComparison.Ordinal);
        Assert.Contains(after, f => f!.StartsWith(".T_2.csv.", StringComparison.Ordinal));
        Assert.False(File.Exists(folder.Combine(Key)));
        await other.DisposeAsync();
        await upload.DisposeAsync();
    }

    [Fact]
    public async Task AbortUploadsAsync_BucketWithoutKey_RefusedWithTheFix()
    {
        var error = await Assert.ThrowsAsync<DestinationException>(() => fixture.ProxiedDataSource.AbortUploadsAsync($"s3://{Bucket}", Ct));

        Assert.Equal(DestinationErrorKind.InvalidAddress, error.Kind);
        Assert.Contains("s3://bucket/key", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What a process killed mid-upload leaves: an upload created, one part sent, never completed nor aborted.</summary>
    private async Task<(string UploadId, string PartETag)> StartUploadAsync(string key)
    {
        var created = await Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = Bucket, Key = key }, Ct);
        return (created.UploadId, await UploadPartAsync(key, created.UploadId, 1));
    }

    private async Task<string> UploadPartAsync(string key, string uploadId, int partNumber)
    {
        var part = await Client.UploadPartAsync(
            new UploadPartRequest { BucketName = Bucket, Key = key, UploadId = uploadId, PartNumber = partNumber, InputStream = new MemoryStream("part"u8.ToArray()) },
            Ct);
        return part.ETag;
    }
}
