using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// A statement answered from the result cache meets the fault switches as one that runs: the delay holds it, the cancel
/// and fail switches end it, a client can cancel it, its timeout applies, partition downloads can be cut. It takes no
/// warehouse slot (Snowflake answers from persisted results without a warehouse). Each test fills the cache first.
/// </summary>
public sealed class ResultCacheFaultTests
{
    private const string Query = EngineServer.Query;

    /// <summary>Far longer than any test: only disarming the switch (or a cancel) ends it.</summary>
    private static readonly TimeSpan s_forever = TimeSpan.FromMinutes(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Hold(EngineServer sut) => sut.Faults.DelayStatementsWhere(s => s == Query, s_forever);

    /// <summary>Submits the cached query with async=true and waits until it has started, answered from the cache.</summary>
    private static async Task<Answer> StartCachedAsync(EngineServer sut, StatementEvents events, string? extra = null)
    {
        var accepted = await sut.PostAsync(Query, extra, "?async=true");
        await events.WaitUntilAsync(() => events.Started.Any(s => s.Handle == accepted.Handle));
        Assert.True(events.Started.Single(s => s.Handle == accepted.Handle).FromResultCache);
        return accepted;
    }

    [Fact]
    public async Task CachedAnswer_StatementDelayed_IsAnsweredOnlyOnceReleased()
    {
        await using var sut = await EngineServer.StartAsync();
        using var events = new StatementEvents(sut.Faults);
        var first = await sut.RunAsync(Query);
        Hold(sut);

        var accepted = await StartCachedAsync(sut, events);
        var held = await sut.Harness.GetAsync(accepted.StatusUrl);
        sut.Faults.DelayStatementsWhere(null, TimeSpan.Zero);
        var done = await sut.Harness.PollAsync(accepted.StatusUrl);

        Assert.Equal((202, 200), ((int)held.Status, (int)done.Status));
        Assert.Equal(EngineServer.Data(first), EngineServer.Data(done));
        Assert.Equal(1, sut.Executions(Query));
    }

    [Theory]
    [InlineData("cancel", 422, "000604")]
    [InlineData("fail", 422, "000630")]
    public async Task CachedAnswer_CancelOrFailSwitch_EndsItAsARunWouldEnd(string switchName, int status, string code)
    {
        await using var sut = await EngineServer.StartAsync();
        await sut.RunAsync(Query);
        if (switchName == "cancel")
        {
            sut.Faults.CancelStatementsWhere = s => s == Query;
        }
        else
        {
            sut.Faults.FailStatementsWhere = s => s == Query;
        }

        var answer = await sut.PostAsync(Query);

        Assert.Equal((status, code), ((int)answer.Status, answer.Code));
        Assert.Equal(1, sut.Executions(Query));
        Assert.Equal(1, sut.Server.ResultCacheStatistics.Hits);
    }

    [Fact]
    public async Task CachedAnswer_ClientCancelsWhileDelayed_IsCancelledAndTheCacheStillAnswers()
    {
        await using var sut = await EngineServer.StartAsync();
        using var events = new StatementEvents(sut.Faults);
        var first = await sut.RunAsync(Query);
        Hold(sut);
        var accepted = await StartCachedAsync(sut, events);

        var cancel = await sut.Harness.SendAsync(sut.Harness.Request(HttpMethod.Post, $"/api/v2/statements/{accepted.Handle}/cancel"));
        var cancelled = await sut.Harness.GetAsync(accepted.StatusUrl);
        sut.Faults.DelayStatementsWhere(null, TimeSpan.Zero);
        var later = await sut.RunAsync(Query);

        Assert.Equal((200, 422, "000604"), ((int)cancel.Status, (int)cancelled.Status, cancelled.Code));
        Assert.Equal(EngineServer.Data(first), EngineServer.Data(later));
        Assert.Equal((await sut.PartitionAsync(first, 2)).Bytes, (await sut.PartitionAsync(later, 2)).Bytes);
        Assert.Equal(1, sut.Executions(Query));
    }

    [Fact]
    public async Task CachedAnswer_DelayedPastItsTimeout_Is408()
    {
        await using var sut = await EngineServer.StartAsync();
        using var events = new StatementEvents(sut.Faults);
        await sut.RunAsync(Query);
        Hold(sut);

        var accepted = await StartCachedAsync(sut, events, "\"timeout\":1");
        var answer = await sut.Harness.PollAsync(accepted.StatusUrl);

        Assert.Equal((408, "000630"), ((int)answer.Status, answer.Code));
    }

    [Fact]
    public async Task CachedAnswer_IncompleteSwitch_Answers391908()
    {
        await using var sut = await EngineServer.StartAsync();
        await sut.RunAsync(Query);
        sut.Faults.AnswerNextResultsAsIncomplete(1);

        var answer = await sut.PostAsync(Query);

        Assert.Equal((200, "391908"), ((int)answer.Status, answer.Code));
        Assert.Equal(1, sut.Server.ResultCacheStatistics.Hits);
    }

    [Fact]
    public async Task CachedAnswer_PartitionDownloadCut_FailsThenServesWhole()
    {
        await using var sut = await EngineServer.StartAsync();
        var first = await sut.RunAsync(Query);
        var cached = await sut.RunAsync(Query);
        sut.Faults.DropNextPartitionDownloads(1);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => sut.PartitionAsync(cached, 1));
        var whole = await sut.PartitionAsync(cached, 1);

        Assert.True(error is HttpRequestException or IOException, error.ToString());
        Assert.Equal((await sut.PartitionAsync(first, 1)).Bytes, whole.Bytes);
    }

    [Fact]
    public async Task CachedAnswer_EveryWarehouseSlotTaken_IsAnsweredWithoutQueueing()
    {
        await using var sut = await EngineServer.StartAsync(new LocalSnowflakeServerOptions
        {
            PartitionRowCount = 3,
            SyncWait = TimeSpan.FromSeconds(5),
            MaxConcurrencyLevel = 1,
        });
        using var events = new StatementEvents(sut.Faults);
        await sut.RunAsync(Query);
        const string Busy = "SELECT COUNT(*) AS BUSY FROM T";
        sut.Faults.DelayStatementsWhere(s => s == Busy, s_forever);
        try
        {
            var busy = await sut.PostAsync(Busy, query: "?async=true");
            await events.WaitUntilAsync(() => events.Started.Any(s => s.Handle == busy.Handle));

            var answer = await sut.PostAsync(Query);

            Assert.Equal(200, (int)answer.Status);
            Assert.Empty(events.Queued);
            Assert.Equal(new LocalWarehouseLoad(1, 0, 1), sut.Server.WarehouseLoad(null));
        }
        finally
        {
            sut.Faults.DelayStatementsWhere(null, TimeSpan.Zero);
        }
    }
}
