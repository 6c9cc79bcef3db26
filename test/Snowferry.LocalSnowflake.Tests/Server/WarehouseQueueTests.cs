using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// A warehouse's concurrency level on the wire: statements beyond it queue (FIFO), answered 202 meanwhile, within
/// their timeout and the sync wait, and per warehouse. Held statements wait on a matched delay that only the test ends.
/// Over canned statements, so without the result cache: every statement takes a slot (a cached answer would not).
/// </summary>
public sealed class WarehouseQueueTests
{
    private const string Hold = "HOLD";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Far longer than any test: only disarming the switch (or a cancel) ends it.</summary>
    private static readonly TimeSpan s_forever = TimeSpan.FromMinutes(10);

    private static LocalSnowflakeServerOptions Level(int level) =>
        new() { PartitionRowCount = 3, SyncWait = TimeSpan.FromSeconds(5), MaxConcurrencyLevel = level };

    private static ServerHarness Held(ServerHarness sut)
    {
        sut.Statements.AddRows(Hold, 1);
        sut.Statements.AddRows("NEXT", 2);
        sut.Server.Faults.DelayStatementsWhere(s => s.Contains(Hold, StringComparison.Ordinal), s_forever);
        return sut;
    }

    /// <summary>Submits the held statement and waits until it holds its slot, so what is sent next queues behind it.</summary>
    private static async Task<Answer> StartHeldAsync(ServerHarness sut, StatementEvents events, string? extra = null)
    {
        var held = await sut.PostStatementAsync(Hold, "?async=true", extra);
        await events.WaitUntilAsync(() => events.Started.Any(s => s.Handle == held.Handle));
        return held;
    }

    [Fact]
    public async Task Submit_NineAtTheDefaultLevel_EightRunAndOneQueuesUntilASlotFrees()
    {
        await using var sut = Held(await ServerHarness.StartAsync());
        using var events = new StatementEvents(sut.Server.Faults);

        var accepted = new List<Answer>();
        for (var i = 0; i < 9; i++)
        {
            accepted.Add(await sut.PostStatementAsync(Hold, "?async=true"));
        }

        await events.WaitUntilAsync(() => events.Started.Count == 8 && events.Queued.Count == 1);
        Assert.Equal(8, LocalSnowflakeServerOptions.DefaultMaxConcurrencyLevel);
        Assert.Equal(new LocalWarehouseLoad(8, 1, 8), sut.Server.WarehouseLoad(null));

        sut.Server.Faults.DelayStatementsWhere(null, TimeSpan.Zero);

        foreach (var answer in accepted)
        {
            Assert.Equal(200, (int)(await sut.PollAsync(answer.StatusUrl)).Status);
        }

        Assert.Equal(8, sut.Server.WarehouseLoad(null).PeakRunning);
    }

    [Fact]
    public async Task Get_QueuedStatement_Answers202WithTheRunningQueryStatus()
    {
        await using var sut = Held(await ServerHarness.StartAsync(Level(1)));
        using var events = new StatementEvents(sut.Server.Faults);
        await StartHeldAsync(sut, events);
        var queued = await sut.PostStatementAsync("NEXT", "?async=true");
        await events.WaitUntilAsync(() => events.Queued.Any(q => q.Handle == queued.Handle));

        var status = await sut.GetAsync(queued.StatusUrl);

        Assert.Equal(202, (int)status.Status);
        Assert.Equal("333334", status.Code);
        Assert.Equal(queued.Handle, status.Handle);
        Assert.Equal(queued.StatusUrl, status.StatusUrl);
        Assert.DoesNotContain(events.Started, s => s.Handle == queued.Handle);
    }

    [Fact]
    public async Task Release_SlotFreed_GoesToTheQueuedStatementsInSubmissionOrder()
    {
        await using var sut = Held(await ServerHarness.StartAsync(Level(1)));
        using var events = new StatementEvents(sut.Server.Faults);
        var held = await StartHeldAsync(sut, events);
        var queued = new List<Answer>();
        for (var i = 1; i <= 3; i++)
        {
            // One at a time, each in line before the next is sent, so submission order is known.
            var answer = await sut.PostStatementAsync("NEXT", "?async=true");
            await events.WaitUntilAsync(() => events.Queued.Count == i);
            queued.Add(answer);
        }

        sut.Server.Faults.DelayStatementsWhere(null, TimeSpan.Zero);

        await events.WaitUntilAsync(() => events.Started.Count == 4);
        Assert.Equal([held.Handle, .. queued.Select(a => a.Handle)], events.Started.Select(s => s.Handle));
        Assert.Equal(1, sut.Server.WarehouseLoad(null).PeakRunning);
    }

    [Fact]
    public async Task Submit_SyncWaitOutlastsTheQueue_AnswersTheResultNot202()
    {
        await using var sut = Held(await ServerHarness.StartAsync(Level(1)));
        using var events = new StatementEvents(sut.Server.Faults);
        await StartHeldAsync(sut, events);
        var post = sut.PostStatementAsync("NEXT");
        await events.WaitUntilAsync(() => events.Queued.Count == 1);

        sut.Server.Faults.DelayStatementsWhere(null, TimeSpan.Zero);
        var answer = await post;

        Assert.Equal(200, (int)answer.Status);
        Assert.Equal(2, answer.Json.GetProperty("resultSetMetaData").GetProperty("numRows").GetInt32());
    }

    [Fact]
    public async Task Submit_QueuedPastItsTimeout_Is408AndNeverRuns()
    {
        await using var sut = Held(await ServerHarness.StartAsync(Level(1)));
        using var events = new StatementEvents(sut.Server.Faults);
        await StartHeldAsync(sut, events);

        // The timeout counts from submission: queued the whole second, it times out without ever running.
        var answer = await sut.PostStatementAsync("NEXT", extra: "\"timeout\":1");

        Assert.Equal(408, (int)answer.Status);
        Assert.Equal("000630", answer.Code);
        Assert.Equal("57014", answer.Json.GetProperty("sqlState").GetString());
        Assert.Equal(new LocalWarehouseLoad(1, 0, 1), sut.Server.WarehouseLoad(null));
        Assert.DoesNotContain(events.Started, s => s.Handle == answer.Handle);
        Assert.DoesNotContain(sut.Statements.Executed, e => e.Statement == "NEXT");
    }

    [Fact]
    public async Task Submit_AnotherWarehouse_RunsWhileTheFullOneQueues()
    {
        await using var sut = Held(await ServerHarness.StartAsync(Level(1)));
        using var events = new StatementEvents(sut.Server.Faults);
        await StartHeldAsync(sut, events, "\"warehouse\":\"WH_A\"");
        var queued = await sut.PostStatementAsync("NEXT", "?async=true", "\"warehouse\":\"WH_A\"");
        await events.WaitUntilAsync(() => events.Queued.Count == 1);

        var other = await sut.PostStatementAsync("NEXT", extra: "\"warehouse\":\"WH_B\"");

        Assert.Equal(200, (int)other.Status);
        Assert.Equal(new LocalWarehouseLoad(1, 1, 1), sut.Server.WarehouseLoad("WH_A"));
        Assert.Equal(202, (int)(await sut.GetAsync(queued.StatusUrl)).Status);
    }

    [Fact]
    public async Task Cancel_HeldStatementInItsMatchedDelay_EndsItAtOnceAndFreesItsSlot()
    {
        await using var sut = Held(await ServerHarness.StartAsync(Level(1)));
        using var events = new StatementEvents(sut.Server.Faults);
        var held = await StartHeldAsync(sut, events);
        var queued = await sut.PostStatementAsync("NEXT", "?async=true");
        await events.WaitUntilAsync(() => events.Queued.Count == 1);

        await sut.SendAsync(sut.Request(HttpMethod.Post, $"/api/v2/statements/{held.Handle}/cancel"));

        // The next in line can only start once the cancelled statement has left its delay and given its slot back.
        Assert.Equal(200, (int)(await sut.PollAsync(queued.StatusUrl)).Status);
        Assert.Equal("000604", (await sut.GetAsync(held.StatusUrl)).Code);
        Assert.DoesNotContain(sut.Statements.Executed, e => e.Statement == Hold);
    }

    [Fact]
    public void Options_LevelBelowOne_AreRefused()
    {
        var options = new LocalSnowflakeServerOptions { MaxConcurrencyLevel = 0 };

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }
}
