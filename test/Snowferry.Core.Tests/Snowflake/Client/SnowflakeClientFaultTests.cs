using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>
/// Faults injected by the local Snowflake (its own fixture, so the switches touch no other test class): throttling,
/// unavailability, a partition cut mid-body, long statements answered 202, cancellation. The result cache stays on
/// (Snowflake's default): a repeated statement answered from it meets every switch here (delay, throttled polls,
/// cancel, timeout, cut partitions) as one that runs.
/// </summary>
public sealed class SnowflakeClientFaultTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(500)]
    public async Task ExecuteAsync_ServerAnswersRetryableStatusTwice_SucceedsOnRetry(int status)
    {
        using var handle = fixture.CreateClient();
        fixture.Snowflake.Host.Server.Faults.FailNextRequests(2, status);

        var result = await handle.Client.ExecuteAsync("SELECT COUNT(*) FROM LOCATIONS_595", cancellationToken: Ct);

        var rows = await SnowflakeClientIntegrationTests.ReadAllAsync(result);
        Assert.Equal(SnowflakeDecimal.Parse("595"), rows[0][0]);
    }

    [Fact]
    public async Task ExecuteAsync_ServerKeepsFailingPastDeadline_ThrowsTransientError()
    {
        var options = LocalSnowflakeClientFixture.FastRetries with { RetryTimeout = TimeSpan.FromSeconds(1) };
        using var handle = fixture.CreateClient(options);
        fixture.Snowflake.Host.Server.Faults.FailNextRequests(10_000, 503);
        try
        {
            var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct));
            Assert.True(error.IsTransient);
            Assert.Equal(503, error.HttpStatus);
        }
        finally
        {
            fixture.Snowflake.Host.Server.Faults.FailNextRequests(0, 503);
        }
    }

    [Fact]
    public async Task ReadBatchesAsync_PartitionDownloadDroppedMidBody_IsRetriedAndNoRowLost()
    {
        using var handle = fixture.CreateClient();
        var result = await handle.Client.ExecuteAsync("SELECT O_ORDERKEY FROM ORDERS_100K ORDER BY O_ORDERKEY", cancellationToken: Ct);
        fixture.Snowflake.Host.Server.Faults.DropNextPartitionDownloads(3);

        var keys = new List<SnowflakeDecimal>();
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                keys.Add(batch.GetValue<SnowflakeDecimal>(row, 0));
            }
        }

        Assert.Equal(100_000, keys.Count);
        Assert.Equal(keys.Order(), keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task ExecuteAsync_StatementOutlastsTheSyncWait_IsPolledTo200()
    {
        using var handle = fixture.CreateClient();
        fixture.Snowflake.Host.Server.Faults.StatementDelay = fixture.Snowflake.Host.Server.Options.SyncWait + TimeSpan.FromSeconds(1);
        try
        {
            var result = await handle.Client.ExecuteAsync("SELECT COUNT(*) FROM LOCATIONS_595", cancellationToken: Ct);

            Assert.Equal(SnowflakeDecimal.Parse("595"), (await SnowflakeClientIntegrationTests.ReadAllAsync(result))[0][0]);
        }
        finally
        {
            fixture.Snowflake.Host.Server.Faults.StatementDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_StatementIsCancelledOnTheServer()
    {
        using var handle = fixture.CreateClient();
        await handle.Client.ExecuteAsync("CREATE OR REPLACE TABLE CANCEL_ME (ID NUMBER(38,0))", cancellationToken: Ct);
        var faults = fixture.Snowflake.Host.Server.Faults;
        var started = WatchStatementStarts(faults, s => s.Statement.Contains("CANCEL_ME", StringComparison.Ordinal));
        var cancelled = WatchClientCancels(faults);
        // Held far longer than the test: only the client's cancel can end it.
        faults.StatementDelay = TimeSpan.FromMinutes(1);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var insert = handle.Client.ExecuteAsync("INSERT INTO CANCEL_ME VALUES (1)", cancellationToken: cts.Token);
            var running = await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            await cts.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => insert);
            Assert.Equal(running.Handle, await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }
        finally
        {
            faults.StatementStarting -= started.Handler;
            faults.StatementCancelledByClient -= cancelled.Handler;
            faults.StatementDelay = TimeSpan.Zero;
        }

        // Cancelled is final on the server: the insert cannot land later.
        var statement = (await started.Task).Handle;
        var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.GetResultAsync(statement, Ct));
        Assert.Equal("000604", error.Code);
        var count = await handle.Client.ExecuteAsync("SELECT COUNT(*) FROM CANCEL_ME", cancellationToken: Ct);
        Assert.Equal(SnowflakeDecimal.Parse("0"), (await SnowflakeClientIntegrationTests.ReadAllAsync(count))[0][0]);
    }

    [Fact]
    public async Task ExecuteAsync_StatusPollsThrottledMoreThanMaxAttempts_KeepsPollingAndCompletes()
    {
        using var handle = fixture.CreateClient();
        var faults = fixture.Snowflake.Host.Server.Faults;
        var throttledBefore = faults.StatusPollsThrottled;
        faults.StatementDelay = TimeSpan.FromSeconds(2);
        faults.ThrottleNextStatusPolls(LocalSnowflakeClientFixture.FastRetries.MaxAttempts + 4);
        try
        {
            var result = await handle.Client.ExecuteAsync("SELECT COUNT(*) FROM LOCATIONS_595", cancellationToken: Ct);

            Assert.Equal(SnowflakeDecimal.Parse("595"), (await SnowflakeClientIntegrationTests.ReadAllAsync(result))[0][0]);
            Assert.True(
                faults.StatusPollsThrottled - throttledBefore > LocalSnowflakeClientFixture.FastRetries.MaxAttempts,
                $"only {faults.StatusPollsThrottled - throttledBefore} polls were throttled");
        }
        finally
        {
            faults.ThrottleNextStatusPolls(0);
            faults.StatementDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task ExecuteAsync_ThrottledPollWithRetryAfter_WaitsThatLongBeforePollingAgain()
    {
        using var handle = fixture.CreateClient();
        var faults = fixture.Snowflake.Host.Server.Faults;
        var throttledBefore = faults.StatusPollsThrottled;
        // The statement ends after 1 s; the first poll (at ~10 ms) is told to come back in 2 s. Polling at the client's own
        // pace (10-100 ms here) would finish at ~1 s.
        faults.StatementDelay = TimeSpan.FromSeconds(1);
        faults.ThrottleNextStatusPolls(1, retryAfter: TimeSpan.FromSeconds(2));
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct);

            Assert.Equal(1, faults.StatusPollsThrottled - throttledBefore);
            Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(1.9), "the client polled before Retry-After");
        }
        finally
        {
            faults.ThrottleNextStatusPolls(0);
            faults.StatementDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancelsWhilePollsAreThrottled_StatementIsCancelledOnTheServer()
    {
        using var handle = fixture.CreateClient();
        var faults = fixture.Snowflake.Host.Server.Faults;
        var cancelled = WatchClientCancels(faults);
        faults.StatementDelay = TimeSpan.FromSeconds(10);
        faults.ThrottleNextStatusPolls(10_000, retryAfter: TimeSpan.FromSeconds(1));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Cancelled as the first poll is throttled: the client is reading that 429 or backing off for its Retry-After.
        EventHandler onThrottled = (_, _) => _ = cts.CancelAsync();
        faults.StatusPollThrottled += onThrottled;
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handle.Client.ExecuteAsync("SELECT 1", cancellationToken: cts.Token));

            await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }
        finally
        {
            faults.StatusPollThrottled -= onThrottled;
            faults.StatementCancelledByClient -= cancelled.Handler;
            faults.ThrottleNextStatusPolls(0);
            faults.StatementDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancelsBeforeTheSubmitIsAnswered_WaitsForTheHandleAndCancelsTheStatement()
    {
        using var handle = fixture.CreateClient();
        var faults = fixture.Snowflake.Host.Server.Faults;
        var cancelled = WatchClientCancels(faults);
        faults.StatementDelay = TimeSpan.FromSeconds(10);
        faults.SubmitAnswerDelay = TimeSpan.FromSeconds(1);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Cancelled as the statement starts: its POST's answer (and the handle) is then still held back by the server.
        EventHandler<Snowferry.LocalSnowflake.Server.LocalStatementStart> onStart = (_, _) => _ = cts.CancelAsync();
        faults.StatementStarting += onStart;
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handle.Client.ExecuteAsync("SELECT 1", cancellationToken: cts.Token));

            // The cancel can only have used the handle the POST's answer brought after the token fired.
            await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }
        finally
        {
            faults.StatementStarting -= onStart;
            faults.StatementCancelledByClient -= cancelled.Handler;
            faults.SubmitAnswerDelay = TimeSpan.Zero;
            faults.StatementDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task ExecuteAsync_StatementOutlastsItsTimeout_FailsWith408FromTheServer()
    {
        using var handle = fixture.CreateClient();
        fixture.Snowflake.Host.Server.Faults.StatementDelay = TimeSpan.FromSeconds(5);
        try
        {
            var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.ExecuteAsync(
                "SELECT 1", new SnowflakeStatementOptions { Timeout = TimeSpan.FromSeconds(1) }, Ct));

            Assert.Equal((408, "000630", "57014"), (error.HttpStatus, error.Code, error.SqlState));
            Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Snowflake.Host.Server.Faults.StatementDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task ExecuteAsync_StillReportedRunningPastTimeoutAndRetryTimeout_CancelsAndFails()
    {
        var options = LocalSnowflakeClientFixture.FastRetries with { RetryTimeout = TimeSpan.FromSeconds(1), CancelTimeout = TimeSpan.FromMilliseconds(500) };
        using var handle = fixture.CreateClient(options);
        var faults = fixture.Snowflake.Host.Server.Faults;
        faults.StatementDelay = TimeSpan.FromSeconds(10);
        faults.SubmitAnswerDelay = TimeSpan.Zero;
        try
        {
            // Once the statement runs, every request is throttled at the front door, so the server's own 408 never gets through.
            var started = WatchStatementStarts(faults);
            var task = handle.Client.ExecuteAsync("SELECT 1", new SnowflakeStatementOptions { Timeout = TimeSpan.FromSeconds(1) }, Ct);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
            faults.StatementStarting -= started.Handler;
            faults.FailNextRequests(100_000, 429);
            var error = await Assert.ThrowsAsync<SnowflakeException>(() => task);

            Assert.Equal(408, error.HttpStatus);
            Assert.False(error.IsTransient);
            Assert.Contains("past its 1 s statement timeout", error.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(error.StatementHandle));
        }
        finally
        {
            faults.FailNextRequests(0, 429);
            faults.StatementDelay = TimeSpan.Zero;
        }
    }

    private static StartWatch WatchStatementStarts(
        Snowferry.LocalSnowflake.Server.LocalSnowflakeFaults faults, Func<Snowferry.LocalSnowflake.Server.LocalStatementStart, bool>? which = null)
    {
        var watch = new StartWatch(which ?? (_ => true));
        faults.StatementStarting += watch.Handler;
        return watch;
    }

    private static CancelWatch WatchClientCancels(Snowferry.LocalSnowflake.Server.LocalSnowflakeFaults faults)
    {
        var watch = new CancelWatch();
        faults.StatementCancelledByClient += watch.Handler;
        return watch;
    }

    /// <summary>Completes with the handle of the first statement a client cancels on the server.</summary>
    private sealed class CancelWatch
    {
        private readonly TaskCompletionSource<string> _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancelWatch() => Handler = (_, handle) => _cancelled.TrySetResult(handle);

        public EventHandler<string> Handler { get; }

        public Task<string> Task => _cancelled.Task;
    }

    /// <summary>Completes with the first statement to start on the server (its submit has arrived) that the filter picks.</summary>
    private sealed class StartWatch
    {
        private readonly TaskCompletionSource<Snowferry.LocalSnowflake.Server.LocalStatementStart> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StartWatch(Func<Snowferry.LocalSnowflake.Server.LocalStatementStart, bool> which) =>
            Handler = (_, start) =>
            {
                if (which(start))
                {
                    _started.TrySetResult(start);
                }
            };

        public EventHandler<Snowferry.LocalSnowflake.Server.LocalStatementStart> Handler { get; }

        public Task<Snowferry.LocalSnowflake.Server.LocalStatementStart> Task => _started.Task;
    }
}
