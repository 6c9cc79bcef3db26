using Microsoft.Data.Sqlite;
using Snowferry.Service.Api;
using Snowferry.Service.Jobs;

namespace Snowferry.Service.Tests.Jobs;

/// <summary>The job store on a real SQLite file: what it keeps, across restarts, and its compare-and-set updates.</summary>
public sealed class SqliteJobStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InsertAsync_EveryFieldSet_GetAsyncReturnsItUnchanged()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var job = new TransferJob
        {
            Id = "0195f3a2c4d84e6f8a9b0c1d2e3f4a5b",
            Client = "alpha",
            SourceTable = "\"DB\".\"SALES\".\"ORDERS\"",
            Destination = "s3://bucket/prefix/",
            Options = new TransferRequestOptions
            {
                Format = "parquet",
                Compression = "zstd",
                Prefix = "monthly",
                KeyTemplate = "{table}/{date:yyyy-MM}/{table}.{ext}",
                MonthColumns = ["ORDER_DATE"],
                KeyColumns = ["STORE_ID", "SKU"],
                KeepColumns = ["ORDER_DATE", "STORE_ID", "SKU", "AMOUNT"],
                DropColumns = ["NOTE"],
                EpochColumns = ["CREATED"],
                EpochUnit = "milliseconds",
                Overwrite = true,
                Verify = false,
                Mode = "auto",
            },
            Streaming = false,
            SubmittedAt = new DateTimeOffset(2026, 3, 1, 10, 15, 30, TimeSpan.Zero).AddTicks(1234567),
            StartedAt = new DateTimeOffset(2026, 3, 1, 10, 15, 31, TimeSpan.Zero).AddTicks(7),
            FinishedAt = new DateTimeOffset(2026, 3, 1, 10, 16, 0, TimeSpan.Zero),
            Progress = new JobProgress("writing", 1_000_000_000_000, 2_000_000_000_000, 5_000_000_000),
            ResultJson = """{"file_name":"s3://bucket/prefix/ORDERS.parquet"}""",
            ReportJson = """{"rows":1}""",
            ErrorJson = """{"type":"none"}""",
            Resources = new JobResources("01b2-handle", "bucket", "prefix/ORDERS.parquet", "upload-1", "s3://bucket/prefix/run-1/"),
        };

        Assert.True(await store.InsertAsync(job, maxActiveJobs: 10, idempotencyKey: null, Ct));
        var read = await store.GetAsync(job.Id, Ct);

        Assert.Equivalent(job, read, strict: true);
        Assert.Equal(job.Options.KeyColumns, read!.Options.KeyColumns);
        Assert.Null(await store.GetAsync("ffffffffffffffffffffffffffffffff", Ct));
    }

    [Fact]
    public async Task InsertAsync_TimeWithOffset_ReadBackAsTheSameInstantInUtc()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var job = file.NewJob() with { SubmittedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)) };

        await store.InsertAsync(job, 10, null, Ct);
        var read = await store.GetAsync(job.Id, Ct);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), read!.SubmittedAt);
        Assert.Equal(TimeSpan.Zero, read.SubmittedAt.Offset);
    }

    [Fact]
    public async Task InitializeAsync_Reopened_QueuedAndRunningJobsKeptWithTheirResources()
    {
        await using var file = new JobStoreFile();
        var first = await file.OpenAsync();
        var queued = file.NewJob();
        var running = file.NewJob();
        var finished = file.NewJob();
        foreach (var job in new[] { queued, running, finished })
        {
            await first.InsertAsync(job, 10, null, Ct);
        }

        await first.TryStartAsync(running.Id, JobStoreFile.T0.AddMinutes(1), Ct);
        var resources = new JobResources("01b2-handle", "bucket", "prefix/ORDERS.parquet", "upload-1", null);
        await first.SaveResourcesAsync(running.Id, resources, Ct);
        await first.SaveProgressAsync(running.Id, new JobProgress("writing", 10, 100, 2048), streaming: true, Ct);
        await first.TryFinishAsync(finished.Id, JobState.Failed, JobStoreFile.T0.AddMinutes(2), null, null, """{"type":"x"}""", Ct);
        await first.DisposeAsync();

        var second = await file.OpenAsync();

        Assert.Equal([queued.Id], (await second.ListByStateAsync(JobState.Queued, Ct)).Select(j => j.Id));
        var crashed = Assert.Single(await second.ListByStateAsync(JobState.Running, Ct));
        Assert.Equal(running.Id, crashed.Id);
        Assert.Equal(resources, crashed.Resources);
        Assert.Equal(new JobProgress("writing", 10, 100, 2048), crashed.Progress);
        Assert.Equal(JobStoreFile.T0.AddMinutes(1), crashed.StartedAt);
        Assert.Equal(JobState.Failed, (await second.GetAsync(finished.Id, Ct))!.State);
    }

    [Fact]
    public async Task ListByStateAsync_SeveralQueued_OldestFirst()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var jobs = Enumerable.Range(0, 5).Select(_ => file.NewJob(client: "alpha")).ToList();
        foreach (var job in jobs)
        {
            await store.InsertAsync(job, 10, null, Ct);
        }

        var queued = await store.ListByStateAsync(JobState.Queued, Ct);

        Assert.Equal(jobs.Select(j => j.Id), queued.Select(j => j.Id));
    }

    [Fact]
    public async Task TryStartAsync_CancelledJob_FalseAndStaysCancelled()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var job = file.NewJob();
        await store.InsertAsync(job, 10, null, Ct);

        Assert.True(await store.TryFinishAsync(job.Id, JobState.Cancelled, JobStoreFile.T0.AddMinutes(1), null, null, "{}", Ct));
        Assert.False(await store.TryStartAsync(job.Id, JobStoreFile.T0.AddMinutes(2), Ct));

        var read = await store.GetAsync(job.Id, Ct);
        Assert.Equal(JobState.Cancelled, read!.State);
        Assert.Null(read.StartedAt);
    }

    [Fact]
    public async Task TryStartAsync_Twice_SecondFalse()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var job = file.NewJob();
        await store.InsertAsync(job, 10, null, Ct);

        Assert.True(await store.TryStartAsync(job.Id, JobStoreFile.T0.AddMinutes(1), Ct));
        Assert.False(await store.TryStartAsync(job.Id, JobStoreFile.T0.AddMinutes(2), Ct));
        Assert.False(await store.TryStartAsync("ffffffffffffffffffffffffffffffff", JobStoreFile.T0, Ct));

        Assert.Equal(JobStoreFile.T0.AddMinutes(1), (await store.GetAsync(job.Id, Ct))!.StartedAt);
    }

    [Fact]
    public async Task TryFinishAsync_Twice_FirstFinalStateWins()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var job = file.NewJob();
        await store.InsertAsync(job, 10, null, Ct);
        await store.TryStartAsync(job.Id, JobStoreFile.T0.AddMinutes(1), Ct);

        Assert.True(await store.TryFinishAsync(
            job.Id, JobState.Succeeded, JobStoreFile.T0.AddMinutes(2), """{"row_count":3}""", """{"rows":3}""", null, Ct));
        Assert.False(await store.TryFinishAsync(
            job.Id, JobState.Cancelled, JobStoreFile.T0.AddMinutes(3), null, null, """{"type":"cancelled"}""", Ct));

        var read = await store.GetAsync(job.Id, Ct);
        Assert.Equal(JobState.Succeeded, read!.State);
        Assert.Equal(JobStoreFile.T0.AddMinutes(2), read.FinishedAt);
        Assert.Equal("""{"row_count":3}""", read.ResultJson);
        Assert.Equal("""{"rows":3}""", read.ReportJson);
        Assert.Null(read.ErrorJson);
    }

    [Fact]
    public async Task TryFinishAsync_NotAFinalState_Throws()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => store.TryFinishAsync("00", JobState.Running, JobStoreFile.T0, null, null, null, Ct));
    }

    [Fact]
    public async Task SaveProgressAsync_AfterFinish_FinalRecordUnchanged()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var job = file.NewJob();
        await store.InsertAsync(job, 10, null, Ct);
        await store.TryStartAsync(job.Id, JobStoreFile.T0, Ct);
        await store.SaveProgressAsync(job.Id, new JobProgress("done", 3, 3, 100), streaming: false, Ct);
        await store.TryFinishAsync(job.Id, JobState.Succeeded, JobStoreFile.T0.AddMinutes(1), "{}", "{}", null, Ct);

        await store.SaveProgressAsync(job.Id, new JobProgress("writing", 1, null, 10), streaming: true, Ct);
        await store.SaveResourcesAsync(job.Id, new JobResources("late", null, null, null, null), Ct);

        var read = await store.GetAsync(job.Id, Ct);
        Assert.Equal(new JobProgress("done", 3, 3, 100), read!.Progress);
        Assert.False(read.Streaming);
        Assert.Equal(JobResources.None, read.Resources);
    }

    [Fact]
    public async Task InsertAsync_TwentyConcurrentOverFourConnectionsMaxFive_ExactlyFiveAccepted()
    {
        await using var file = new JobStoreFile();
        // Four stores on one file: four writer connections, as four processes would have.
        var stores = new[] { await file.OpenAsync(), await file.OpenAsync(), await file.OpenAsync(), await file.OpenAsync() };
        var jobs = Enumerable.Range(0, 20).Select(_ => file.NewJob(client: "alpha")).ToList();
        await stores[0].InsertAsync(file.NewJob(client: "beta"), 5, null, Ct);

        var accepted = await Task.WhenAll(jobs.Select((job, i) => Task.Run(() => stores[i % 4].InsertAsync(job, 5, null, Ct), Ct)));

        Assert.Equal(5, accepted.Count(a => a));
        Assert.Equal(5, (await stores[0].ListByStateAsync(JobState.Queued, Ct)).Count(j => j.Client == "alpha"));
    }

    [Fact]
    public async Task InsertAsync_ActiveJobsFinished_RoomAgain()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var first = file.NewJob();
        var second = file.NewJob();
        await store.InsertAsync(first, 2, null, Ct);
        await store.InsertAsync(second, 2, null, Ct);
        await store.TryStartAsync(second.Id, JobStoreFile.T0, Ct);

        Assert.False(await store.InsertAsync(file.NewJob(), 2, null, Ct));
        Assert.True(await store.InsertAsync(file.NewJob(client: "beta"), 2, null, Ct));

        await store.TryFinishAsync(first.Id, JobState.Cancelled, JobStoreFile.T0, null, null, "{}", Ct);
        Assert.True(await store.InsertAsync(file.NewJob(), 2, null, Ct));
    }

    [Fact]
    public async Task PurgeAsync_FinalJobsFinishedBefore_DeletedOthersKept()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var (old, recent, queued, running) = (file.NewJob(), file.NewJob(), file.NewJob(), file.NewJob());
        foreach (var job in new[] { old, recent, queued, running })
        {
            await store.InsertAsync(job, 10, null, Ct);
        }

        await store.TryStartAsync(running.Id, JobStoreFile.T0, Ct);
        await store.TryFinishAsync(old.Id, JobState.Succeeded, JobStoreFile.T0.AddDays(1), "{}", "{}", null, Ct);
        await store.TryFinishAsync(recent.Id, JobState.Failed, JobStoreFile.T0.AddDays(3), null, null, "{}", Ct);

        Assert.Equal(1, await store.PurgeAsync(JobStoreFile.T0.AddDays(2), Ct));

        Assert.Null(await store.GetAsync(old.Id, Ct));
        Assert.NotNull(await store.GetAsync(recent.Id, Ct));
        Assert.NotNull(await store.GetAsync(queued.Id, Ct));
        Assert.NotNull(await store.GetAsync(running.Id, Ct));
        Assert.Equal(0, await store.PurgeAsync(JobStoreFile.T0.AddDays(2), Ct));
    }

    [Fact]
    public async Task InitializeAsync_SchemaNewerThanKnown_ThrowsNamingTheVersion()
    {
        await using var file = new JobStoreFile();
        await (await file.OpenAsync()).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={file.Path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(file.OpenAsync);

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_NotADatabase_ThrowsNamingTheFile()
    {
        await using var file = new JobStoreFile();
        Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
        await File.WriteAllTextAsync(file.Path, new string('x', 4096), Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(file.OpenAsync);

        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public async Task PingAsync_OpenThenDisposed_TrueThenFalse()
    {
        await using var file = new JobStoreFile();
        var unopened = new SqliteJobStore(file.Path);
        var store = await file.OpenAsync();

        Assert.False(await unopened.PingAsync(Ct));
        Assert.True(File.Exists(file.Path));
        Assert.True(await store.PingAsync(Ct));
        await store.DisposeAsync();
        Assert.False(await store.PingAsync(Ct));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync("00", Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => unopened.GetAsync("00", Ct));
    }
}
