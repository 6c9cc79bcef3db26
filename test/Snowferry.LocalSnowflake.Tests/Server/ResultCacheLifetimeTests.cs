using Microsoft.Extensions.Time.Testing;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// How long cached results live (24 h from their last use, at most 31 days), what bounds them, and that they share the
/// partition files with the statements they answer without breaking the result store's clean-up.
/// </summary>
public sealed class ResultCacheLifetimeTests
{
    private const string Query = EngineServer.Query;

    /// <summary>Any submit sweeps expired results; this one is never cached itself.</summary>
    private const string Sweep = "SELECT CURRENT_TIMESTAMP() AS SWEEP";

    private static FakeTimeProvider NewClock() => new(TimeProvider.System.GetUtcNow());

    private static LocalSnowflakeServerOptions Options(TimeProvider? time = null) =>
        new() { PartitionRowCount = 3, SyncWait = TimeSpan.FromSeconds(5), TimeProvider = time ?? TimeProvider.System };

    [Fact]
    public async Task Submit_24HoursAfterTheFirst_Runs()
    {
        var clock = NewClock();
        await using var sut = await EngineServer.StartAsync(Options(clock));
        await sut.RunAsync(Query);

        clock.Advance(TimeSpan.FromHours(24));
        await sut.RunAsync(Query);

        Assert.Equal(2, sut.Executions(Query));
    }

    [Fact]
    public async Task Submit_EachReuseWithin24Hours_KeepsTheResultUpTo31Days()
    {
        var clock = NewClock();
        await using var sut = await EngineServer.StartAsync(Options(clock));
        await sut.RunAsync(Query);

        // Reused every 23 h: kept, as each reuse restarts the 24 h, until 31 days after it first ran.
        var reusedFor = TimeSpan.Zero;
        while (sut.Executions(Query) == 1)
        {
            clock.Advance(TimeSpan.FromHours(23));
            reusedFor += TimeSpan.FromHours(23);
            await sut.RunAsync(Query);
        }

        Assert.Equal(TimeSpan.FromHours(23 * 33), reusedFor);
        Assert.True(reusedFor >= TimeSpan.FromDays(31) && reusedFor - TimeSpan.FromHours(23) < TimeSpan.FromDays(31));
    }

    [Fact]
    public async Task CachedResult_FirstStatementExpired_StillServedFromTheSharedFilesThenCleanedUp()
    {
        var clock = NewClock();
        await using var sut = await EngineServer.StartAsync(Options(clock));
        var first = await sut.RunAsync(Query);
        Assert.Equal(200, (int)(await sut.PartitionAsync(first, 2)).Status);
        var files = Directory.GetFiles(sut.Server.ResultDirectory).Length;
        Assert.Equal(2, files);

        clock.Advance(TimeSpan.FromHours(23));
        var reused = await sut.RunAsync(Query);
        clock.Advance(TimeSpan.FromHours(2));
        var firstExpired = await sut.PartitionAsync(first, 1);
        var stillServed = await sut.PartitionAsync(reused, 2);
        var third = await sut.RunAsync(Query);

        Assert.Equal((422, "000710"), ((int)firstExpired.Status, firstExpired.Code));
        Assert.Equal(200, (int)stillServed.Status);
        Assert.Equal(200, (int)(await sut.PartitionAsync(third, 1)).Status);
        Assert.Equal(1, sut.Executions(Query));
        Assert.Equal(files, Directory.GetFiles(sut.Server.ResultDirectory).Length);

        // Every holder gone (the statements' results and the cache entry expired): the files go too.
        clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal("000710", (await sut.PartitionAsync(third, 1)).Code);
        Assert.Equal("000710", (await sut.PartitionAsync(reused, 1)).Code);
        await sut.RunAsync(Sweep);
        Assert.Empty(Directory.GetFiles(sut.Server.ResultDirectory));
    }

    [Fact]
    public async Task Submit_PastMaxEntries_LeastRecentlyUsedIsRunAgain()
    {
        await using var sut = await EngineServer.StartAsync(Options() with { ResultCacheMaxEntries = 2 });
        string[] queries = ["SELECT ID FROM T WHERE ID = 1", "SELECT ID FROM T WHERE ID = 2", "SELECT ID FROM T WHERE ID = 3"];
        await sut.RunAsync(queries[0]);
        await sut.RunAsync(queries[1]);
        await sut.RunAsync(queries[0]);

        await sut.RunAsync(queries[2]);
        await sut.RunAsync(queries[0]);
        await sut.RunAsync(queries[1]);

        Assert.Equal([1, 2, 1], queries.Select(sut.Executions));
        Assert.Equal(2, sut.Server.ResultCacheStatistics.Entries);
    }

    [Fact]
    public async Task Submit_ResultLargerThanMaxBytes_IsNotCachedAndItsFilesGoWithItsStatement()
    {
        var clock = NewClock();
        await using var sut = await EngineServer.StartAsync(Options(clock) with { ResultCacheMaxBytes = 64 });

        await sut.RunAsync(Query);
        await sut.RunAsync(Query);
        clock.Advance(TimeSpan.FromHours(24));
        await sut.RunAsync(Sweep);

        Assert.Equal(2, sut.Executions(Query));
        Assert.Equal(0, sut.Server.ResultCacheStatistics.Entries);
        Assert.Empty(Directory.GetFiles(sut.Server.ResultDirectory));
    }

    [Fact]
    public async Task Dispose_WithCachedResults_DeletesTheResultFolder()
    {
        var sut = await EngineServer.StartAsync();
        await sut.RunAsync(Query);
        await sut.RunAsync(Query);
        var directory = sut.Server.ResultDirectory;

        await sut.DisposeAsync();

        Assert.False(Directory.Exists(directory));
    }
}
