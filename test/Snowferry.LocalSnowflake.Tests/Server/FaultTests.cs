using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// The fault switches: failed requests, cut partition downloads, statement delay. Over canned statements, so without the
/// result cache: every statement runs (<see cref="ResultCacheFaultTests"/> has the switches on cached answers).
/// </summary>
public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailNextRequests_429Twice_AnswersTooManyRequestsThenRecovers()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        sut.Server.Faults.FailNextRequests(2, 429);

        var first = await sut.PostStatementAsync("SELECT ROWS");
        var second = await sut.GetAsync($"/api/v2/statements/{Guid.NewGuid()}");
        var third = await sut.PostStatementAsync("SELECT ROWS");

        foreach (var refused in new[] { first, second })
        {
            Assert.Equal(429, (int)refused.Status);
            Assert.Equal("390505", refused.Code);
            Assert.Equal("Too many requests.", refused.Json.GetProperty("message").GetString());
        }

        Assert.Equal(200, (int)third.Status);
        Assert.Single(sut.Statements.Executed);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task FailNextRequests_ServerErrors_AnswerThatStatusWithJsonBody(int status)
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Server.Faults.FailNextRequests(1, status);

        var answer = await sut.PostStatementAsync("SELECT ROWS");

        Assert.Equal(status, (int)answer.Status);
        Assert.Contains("fault", answer.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailNextRequests_Zero_DisarmsThem()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        sut.Server.Faults.FailNextRequests(100, 503);

        sut.Server.Faults.FailNextRequests(0, 503);

        Assert.Equal(200, (int)(await sut.PostStatementAsync("SELECT ROWS")).Status);
    }

    [Fact]
    public async Task FailNextRequests_FromManyThreads_CountsDownExactly()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        sut.Server.Faults.FailNextRequests(10, 429);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => sut.PostStatementAsync("SELECT ROWS")));

        Assert.Equal(10, answers.Count(a => (int)a.Status == 429));
        Assert.Equal(20, answers.Count(a => (int)a.Status == 200));
    }

    [Fact]
    public async Task DropNextPartitionDownloads_CutsTheBodyThenServesWhole()
    {
        await using var sut = await ServerHarness.StartAsync(new LocalSnowflakeServerOptions { PartitionRowCount = 50 });
        sut.Statements.AddRows("SELECT ROWS", 200);
        var handle = (await sut.PostStatementAsync("SELECT ROWS")).Handle;
        sut.Server.Faults.DropNextPartitionDownloads(1);

        using (var request = sut.Request(HttpMethod.Get, $"/api/v2/statements/{handle}?partition=1"))
        {
            using var response = await sut.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
            var stream = await response.Content.ReadAsStreamAsync(Ct);
            await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(Stream.Null, Ct));
        }

        var whole = await sut.GetAsync($"/api/v2/statements/{handle}?partition=1");
        var json = ProtocolGoldenTests.Parse(ProtocolGoldenTests.Gunzip(whole.Bytes));
        Assert.Equal(50, json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task DropNextPartitionDownloads_LeavesStatementResponsesAlone()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 5);
        sut.Server.Faults.DropNextPartitionDownloads(1);

        var posted = await sut.PostStatementAsync("SELECT ROWS");
        var partitionZero = await sut.GetAsync(posted.StatusUrl);

        Assert.Equal(200, (int)posted.Status);
        Assert.Equal(200, (int)partitionZero.Status);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => sut.GetAsync($"/api/v2/statements/{posted.Handle}?partition=1"));
        Assert.True(error is HttpRequestException or IOException, error.ToString());
    }

    [Fact]
    public async Task StatementDelay_HoldsEveryStatementThatLong()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        sut.Server.Faults.StatementDelay = TimeSpan.FromMilliseconds(400);
        var started = TimeProvider.System.GetTimestamp();

        var answer = await sut.PostStatementAsync("SELECT ROWS");

        Assert.Equal(200, (int)answer.Status);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(380));
    }

    [Fact]
    public async Task ThrottleNextStatusPolls_RunningStatement_Answers429WithQueryStatusAndRetryAfterThenRecovers()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        sut.Server.Faults.StatementDelay = TimeSpan.FromSeconds(1);
        var accepted = await sut.PostStatementAsync("SELECT ROWS", "?async=true");
        sut.Server.Faults.ThrottleNextStatusPolls(2, retryAfter: TimeSpan.FromSeconds(1.5));

        var first = await sut.GetAsync(accepted.StatusUrl);
        var second = await sut.GetAsync(accepted.StatusUrl);
        var third = await sut.GetAsync(accepted.StatusUrl);

        foreach (var throttled in new[] { first, second })
        {
            Assert.Equal(429, (int)throttled.Status);
            Assert.Equal("333334", throttled.Code);
            Assert.Equal(accepted.Handle, throttled.Handle);
            Assert.Equal(accepted.StatusUrl, throttled.StatusUrl);
            Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(202, (int)third.Status);
        Assert.Equal(2, sut.Server.Faults.StatusPollsThrottled);
        Assert.Equal(200, (int)(await sut.PollAsync(accepted.StatusUrl)).Status);
    }

    [Fact]
    public async Task ThrottleNextStatusPolls_FinishedStatementOrPartition_AnsweredAsUsual()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 5);
        var done = await sut.PostStatementAsync("SELECT ROWS");
        sut.Server.Faults.ThrottleNextStatusPolls(5);

        var status = await sut.GetAsync(done.StatusUrl);
        var partition = await sut.GetAsync($"/api/v2/statements/{done.Handle}?partition=1");

        Assert.Equal(200, (int)status.Status);
        Assert.Equal(200, (int)partition.Status);
        Assert.Equal(0, sut.Server.Faults.StatusPollsThrottled);
        Assert.Null(status.Headers.RetryAfter);
    }

    [Fact]
    public async Task SubmitAnswerDelay_HoldsTheAnswerWhileTheStatementAlreadyRuns()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        var started = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Server.Faults.StatementStarting += (_, _) => started.TrySetResult(TimeProvider.System.GetTimestamp());
        sut.Server.Faults.SubmitAnswerDelay = TimeSpan.FromMilliseconds(500);

        var answer = await sut.PostStatementAsync("SELECT ROWS", "?async=true");
        var answered = TimeProvider.System.GetTimestamp();

        Assert.Equal(202, (int)answer.Status);
        Assert.True(TimeProvider.System.GetElapsedTime(await started.Task, answered) >= TimeSpan.FromMilliseconds(450));
    }

    [Fact]
    public async Task StatementStarting_ReportsHandleTextAndTimeout()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        var starts = new System.Collections.Concurrent.ConcurrentQueue<LocalStatementStart>();
        sut.Server.Faults.StatementStarting += (_, start) => starts.Enqueue(start);

        var timed = await sut.PostStatementAsync("SELECT ROWS", extra: "\"timeout\":90");
        var maximum = await sut.PostStatementAsync("SELECT ROWS", extra: "\"timeout\":0");
        var untimed = await sut.PostStatementAsync("SELECT ROWS");

        Assert.Equal(
            [new LocalStatementStart(timed.Handle, "SELECT ROWS", 90), new(maximum.Handle, "SELECT ROWS", 604_800), new(untimed.Handle, "SELECT ROWS", null)],
            starts);
    }
}
