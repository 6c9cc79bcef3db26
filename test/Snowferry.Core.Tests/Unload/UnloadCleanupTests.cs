using Amazon.S3.Model;
using Snowferry.Destinations;
using Snowferry.Planning;
using Snowferry.Transfer;
using Snowferry.Unload;

namespace Snowferry.Tests.Unload;

/// <summary>
/// What a killed unload leaves behind, made visible and undoable: the progress names the run folder before
/// <c>COPY INTO</c> runs and the statement as soon as Snowflake accepts it, and
/// <see cref="SnowferryDataSource.RemoveIncompleteUnloadAsync"/> removes a run folder without a manifest, never a published one.
/// The result cache stays on; <c>COPY INTO</c> is never answered from it.
/// </summary>
public sealed class UnloadCleanupTests(UnloadFixture fixture) : IClassFixture<UnloadFixture>
{
    private const string Table = "LOCATIONS_595";

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    private static readonly TransferOptions s_unload = new() { Mode = TransferMode.Unload, StorageIntegration = "snowferry_local_s3" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Bucket => fixture.S3.Bucket;

    [Fact]
    public async Task RunAsync_UnloadProgress_NamesTheRunFolderBeforeCopyIntoAndTheStatementWhileItRuns()
    {
        using var hold = new StatementHold(fixture.Host.Server.Faults, s => s.Statement.StartsWith("COPY INTO", StringComparison.Ordinal));
        var progress = new RecordingProgress();

        var transfer = fixture.CreateJob("progress").RunAsync(Table, s_unload with { Progress = progress }, Ct);
        var copy = await hold.Started.WaitAsync(s_bound, Ct);
        // COPY INTO is held on the server until released: it has written nothing, and cannot finish first.
        var reported = await progress.QueryIdReported.WaitAsync(s_bound, Ct);
        var folder = reported.UnloadFolder!;
        var writtenMeanwhile = await fixture.S3.ListKeysAsync(folder[$"s3://{Bucket}/".Length..], Ct);
        hold.Release();
        var report = await transfer;

        Assert.Equal(copy.Handle, reported.QueryId);
        Assert.Equal(report.QueryId, reported.QueryId);
        Assert.Empty(writtenMeanwhile);
        Assert.Equal($"s3://{Bucket}/{RunFolderKey(report)}", folder);
        var values = progress.Values;
        var named = values.FindIndex(v => v.UnloadFolder is not null);
        Assert.InRange(named, 1, values.FindIndex(v => v.QueryId is not null) - 1);
        Assert.All(values[named..], v => Assert.Equal(folder, v.UnloadFolder));
        Assert.All(values, v => Assert.Null(v.Location));
        Assert.Equal(TransferPhase.Done, values[^1].Phase);
    }

    [Fact]
    public async Task RemoveIncompleteUnloadAsync_RunFolderWithoutManifest_DeletesItsFilesOnly()
    {
        // What a kill between COPY INTO and the manifest leaves: Snowflake's files, no manifest.
        var options = s_unload with { UnloadMaxFileSize = 40_000, Plan = new TransferPlanOptions { KeyColumns = ["USERID", "MOVIEID"] } };
        var report = await fixture.CreateJob("crashed").RunAsync("MOVIE_RATINGS_27M", options, Ct);
        await fixture.S3.Client.DeleteObjectAsync(Bucket, report.FileName, Ct);
        var folder = RunFolderKey(report);
        var sibling = folder.TrimEnd('/') + "-other/data_0_0_0.snappy.parquet";
        await fixture.S3.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = sibling, ContentBody = "another run" }, Ct);
        Assert.True(report.Files!.Count > 1, $"expected several files, got {report.Files.Count}");

        var deleted = await fixture.DataSource.RemoveIncompleteUnloadAsync($"s3://{Bucket}/{folder}", Ct);

        Assert.Equal(report.Files.Count, deleted);
        Assert.Empty(await fixture.S3.ListKeysAsync(folder, Ct));
        Assert.Equal([sibling], await fixture.S3.ListKeysAsync("crashed/", Ct));
        Assert.Equal(0, await fixture.DataSource.RemoveIncompleteUnloadAsync($"s3://{Bucket}/{folder}", Ct));
    }

    [Fact]
    public async Task RemoveIncompleteUnloadAsync_PublishedRun_LeavesEveryFile()
    {
        var report = await fixture.CreateJob("published").RunAsync(Table, s_unload, Ct);
        var folder = RunFolderKey(report);
        var before = await fixture.S3.ListKeysAsync(folder, Ct);

        var deleted = await fixture.DataSource.RemoveIncompleteUnloadAsync($"s3://{Bucket}/{folder}", Ct);

        Assert.Equal(0, deleted);
        Assert.Equal(before, await fixture.S3.ListKeysAsync(folder, Ct));
        Assert.Contains(report.FileName, before);
    }

    [Theory]
    [InlineData("loose/T/", "loose/T/data_0_0_0.snappy.parquet")] // not named as a run folder
    [InlineData("loose/", "loose/T/run-1/data_0_0_0.snappy.parquet")] // a parent of run folders
    [InlineData("nested/T/run-1/", "nested/T/run-1/sub/data_0_0_0.snappy.parquet")] // a subfolder: not an unload's
    public async Task RemoveIncompleteUnloadAsync_NotARunFolder_RefusedAndNothingDeleted(string folder, string key)
    {
        await fixture.S3.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = "delivered" }, Ct);

        var error = await Assert.ThrowsAsync<DestinationException>(() => fixture.DataSource.RemoveIncompleteUnloadAsync($"s3://{Bucket}/{folder}", Ct));

        Assert.Equal(DestinationErrorKind.InvalidAddress, error.Kind);
        Assert.Contains("nothing was deleted", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await fixture.S3.ReadObjectAsync(key, Ct));
    }

    /// <summary>The run folder's key (with its trailing slash): the manifest's key without its name.</summary>
    private static string RunFolderKey(TransferReport report) => report.FileName[..^"manifest.json".Length];
}
