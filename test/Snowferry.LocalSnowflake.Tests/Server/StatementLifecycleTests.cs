using Microsoft.Extensions.Logging;
using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// 202 and polling, async=true, cancel, timeout, retry=true idempotency, multi-statement requests. Over canned
/// statements, so without the result cache: every statement runs.
/// </summary>
public sealed class StatementLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LocalSnowflakeServerOptions ShortWait => new() { PartitionRowCount = 3, SyncWait = TimeSpan.FromMilliseconds(200) };

    /// <summary>A statement that runs until its token fires (or 30 s pass), noting that it fired.</summary>
    private static TaskCompletionSource AddBlocking(ServerHarness sut, string statement, TaskCompletionSource started)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Statements.Add(statement, (_, token) =>
        {
            started.TrySetResult();
            if (token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)))
            {
                cancelled.TrySetResult();
                token.ThrowIfCancellationRequested();
            }

            return new EngineResult([CannedStatements.Id], [["1"]]);
        });
        return cancelled;
    }

    [Fact]
    public async Task Submit_StatementOutlastsSyncWait_Is202ThenPolledTo200()
    {
        await using var sut = await ServerHarness.StartAsync(ShortWait);
        sut.Statements.AddRows("SELECT ROWS", 2);
        sut.Server.Faults.StatementDelay = TimeSpan.FromSeconds(2);

        var accepted = await sut.PostStatementAsync("SELECT ROWS", "?requestId=r-202");

        Assert.Equal(202, (int)accepted.Status);
        Assert.Equal(
            ["code", "message", "statementHandle", "statementStatusUrl"],
            accepted.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("333334", accepted.Code);
        Assert.Equal(
            "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
            accepted.Json.GetProperty("message").GetString());
        Assert.Equal($"/api/v2/statements/{accepted.Handle}?requestId=r-202&partition=0", accepted.StatusUrl);
        var running = await sut.GetAsync(accepted.StatusUrl);
        Assert.Equal(202, (int)running.Status);
        var done = await sut.PollAsync(accepted.StatusUrl);
        Assert.Equal(200, (int)done.Status);
        Assert.Equal(accepted.Handle, done.Handle);
        Assert.Equal(2, done.Json.GetProperty("resultSetMetaData").GetProperty("numRows").GetInt32());
    }

    [Fact]
    public async Task Submit_AsyncTrue_Is202AtOnceThen200()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 2);
        sut.Server.Faults.StatementDelay = TimeSpan.FromMilliseconds(300);

        var accepted = await sut.PostStatementAsync("SELECT ROWS", "?async=true");

        Assert.Equal(202, (int)accepted.Status);
        Assert.Equal("333334", accepted.Code);
        Assert.Equal(200, (int)(await sut.PollAsync(accepted.StatusUrl)).Status);
    }

    [Fact]
    public async Task Submit_AsyncTrueForAFailingStatement_Is202ThenThePollAnswers422()
    {
        await using var sut = await ServerHarness.StartAsync();

        var accepted = await sut.PostStatementAsync("BROKEN", "?async=true");

        Assert.Equal(202, (int)accepted.Status);
        var failed = await sut.PollAsync(accepted.StatusUrl);
        Assert.Equal(422, (int)failed.Status);
        Assert.Equal("001003", failed.Code);
    }

    [Fact]
    public async Task Cancel_RunningStatement_FiresItsTokenAndGetAnswers000604()
    {
        await using var sut = await ServerHarness.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = AddBlocking(sut, "SLOW", started);
        var accepted = await sut.PostStatementAsync("SLOW", "?async=true");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var cancel = await sut.SendAsync(sut.Request(HttpMethod.Post, $"/api/v2/statements/{accepted.Handle}/cancel"));

        Assert.Equal(200, (int)cancel.Status);
        Assert.Equal("000604", cancel.Code);
        Assert.Equal("57014", cancel.Json.GetProperty("sqlState").GetString());
        Assert.Equal("SQL execution canceled", cancel.Json.GetProperty("message").GetString());
        Assert.Equal(accepted.Handle, cancel.Handle);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var status = await sut.GetAsync(accepted.StatusUrl);
        Assert.Equal(422, (int)status.Status);
        Assert.Equal("000604", status.Code);
        Assert.Equal("57014", status.Json.GetProperty("sqlState").GetString());
    }

    [Fact]
    public async Task Cancel_DuringStatementDelay_StatementNeverReachesTheEngine()
    {
        using var stops = new CancelledStatementLog();
        using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(stops));
        await using var sut = await ServerHarness.StartAsync(new LocalSnowflakeServerOptions { PartitionRowCount = 3, SyncWait = TimeSpan.FromSeconds(5), LoggerFactory = logs });
        sut.Statements.AddRows("INSERT", 1);
        // Held far longer than the test: only the cancel can end the delay.
        sut.Server.Faults.StatementDelay = TimeSpan.FromMinutes(1);
        var accepted = await sut.PostStatementAsync("INSERT", "?async=true");

        await sut.SendAsync(sut.Request(HttpMethod.Post, $"/api/v2/statements/{accepted.Handle}/cancel"));
        // The runner logs the cancel as it stops: after that line, nothing of the statement runs any more.
        Assert.Equal(accepted.Handle, await stops.Cancelled.WaitAsync(TimeSpan.FromSeconds(10), Ct));

        Assert.Empty(sut.Statements.Executed);
        Assert.Equal("000604", (await sut.GetAsync(accepted.StatusUrl)).Code);
    }

    [Fact]
    public async Task Submit_StatementOutlastsItsTimeout_IsCancelledWith408()
    {
        await using var sut = await ServerHarness.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = AddBlocking(sut, "SLOW", started);

        var answer = await sut.PostStatementAsync("SLOW", extra: "\"timeout\":1");

        Assert.Equal(408, (int)answer.Status);
        Assert.Equal("000630", answer.Code);
        Assert.Equal("57014", answer.Json.GetProperty("sqlState").GetString());
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Submit_StatementDelayOutlastsItsTimeout_IsCancelledWith408AtTheTimeout()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("INSERT", 1);
        // The delay is far past the 1 s timeout, so the bound below leaves a loaded CI machine seconds of slack.
        sut.Server.Faults.StatementDelay = TimeSpan.FromSeconds(10);
        var started = TimeProvider.System.GetTimestamp();

        var answer = await sut.PostStatementAsync("INSERT", extra: "\"timeout\":1");

        Assert.Equal(408, (int)answer.Status);
        Assert.Equal("000630", answer.Code);
        Assert.Equal("57014", answer.Json.GetProperty("sqlState").GetString());
        Assert.Equal(answer.Handle, (await sut.GetAsync(answer.StatusUrl)).Handle);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(8), "answered at the end of the statement delay, not at the timeout");
        Assert.Empty(sut.Statements.Executed);
    }

    [Fact]
    public async Task Cancel_RunningStatement_RaisesStatementCancelledByClientOnce()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("INSERT", 1);
        sut.Server.Faults.StatementDelay = TimeSpan.FromSeconds(5);
        var cancelled = new System.Collections.Concurrent.ConcurrentQueue<string>();
        sut.Server.Faults.StatementCancelledByClient += (_, handle) => cancelled.Enqueue(handle);
        var accepted = await sut.PostStatementAsync("INSERT", "?async=true");

        await sut.SendAsync(sut.Request(HttpMethod.Post, $"/api/v2/statements/{accepted.Handle}/cancel"));
        await sut.SendAsync(sut.Request(HttpMethod.Post, $"/api/v2/statements/{accepted.Handle}/cancel"));

        Assert.Equal([accepted.Handle], cancelled);
    }

    [Fact]
    public async Task Submit_RetryTrueWithKnownRequestId_ReturnsTheOriginalWithoutRunningAgain()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("INSERT", 1);

        var first = await sut.PostStatementAsync("INSERT", "?requestId=req-1");
        var retried = await sut.PostStatementAsync("INSERT", "?requestId=req-1&retry=true");

        Assert.Equal(200, (int)retried.Status);
        Assert.Equal(first.Handle, retried.Handle);
        Assert.Single(sut.Statements.Executed);
    }

    [Fact]
    public async Task Submit_RetryTrueWhileOriginalRuns_Is202ForTheOriginal()
    {
        await using var sut = await ServerHarness.StartAsync(ShortWait);
        sut.Statements.AddRows("INSERT", 1);
        sut.Server.Faults.StatementDelay = TimeSpan.FromSeconds(2);

        var first = await sut.PostStatementAsync("INSERT", "?requestId=req-2&async=true");
        var retried = await sut.PostStatementAsync("INSERT", "?requestId=req-2&retry=true");

        Assert.Equal(202, (int)retried.Status);
        Assert.Equal(first.Handle, retried.Handle);
        Assert.Equal(200, (int)(await sut.PollAsync(retried.StatusUrl)).Status);
        Assert.Single(sut.Statements.Executed);
    }

    [Fact]
    public async Task Submit_RetryTrueWithUnknownRequestId_Runs()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("INSERT", 1);

        var answer = await sut.PostStatementAsync("INSERT", "?requestId=never-seen&retry=true");

        Assert.Equal(200, (int)answer.Status);
        Assert.Single(sut.Statements.Executed);
    }

    [Fact]
    public async Task Submit_DuplicateRequestIdWithoutRetry_RunsAgain()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("INSERT", 1);

        var first = await sut.PostStatementAsync("INSERT", "?requestId=req-3");
        var second = await sut.PostStatementAsync("INSERT", "?requestId=req-3");

        Assert.NotEqual(first.Handle, second.Handle);
        Assert.Equal(2, sut.Statements.Executed.Count);
    }

    [Fact]
    public async Task Submit_MultiStatementWithMatchingCount_RunsEachAndListsHandles()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT A", 1);
        sut.Statements.AddRows("SELECT B", 4);

        var answer = await sut.PostStatementAsync("SELECT A; SELECT B", extra: "\"parameters\":{\"MULTI_STATEMENT_COUNT\":\"2\"}");

        Assert.Equal(200, (int)answer.Status);
        Assert.Equal("""[["Multiple statements executed successfully."]]""", answer.Json.GetProperty("data").GetRawText());
        var handles = answer.Json.GetProperty("statementHandles").EnumerateArray().Select(h => h.GetString()!).ToList();
        Assert.Equal(2, handles.Count);
        Assert.Equal(["SELECT A", "SELECT B"], sut.Statements.Executed.Select(e => e.Statement));
        var second = await sut.GetAsync($"/api/v2/statements/{handles[1]}");
        Assert.Equal(200, (int)second.Status);
        Assert.Equal(4, second.Json.GetProperty("resultSetMetaData").GetProperty("numRows").GetInt32());
    }

    [Fact]
    public async Task Submit_MultiStatementWithCountZero_RunsAnyNumber()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT A", 1);

        var answer = await sut.PostStatementAsync("SELECT A; SELECT A; SELECT A", extra: "\"parameters\":{\"multi_statement_count\":0}");

        Assert.Equal(3, answer.Json.GetProperty("statementHandles").GetArrayLength());
    }

    [Theory]
    [InlineData("", 2, 1)]
    [InlineData(",\"parameters\":{\"MULTI_STATEMENT_COUNT\":\"3\"}", 2, 3)]
    public async Task Submit_StatementCountMismatch_Is422With000008(string parameters, int actual, int desired)
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT A", 1);

        var answer = await sut.PostStatementAsync("SELECT A; SELECT A", extra: parameters.TrimStart(',') is { Length: > 0 } p ? p : null);

        Assert.Equal(422, (int)answer.Status);
        Assert.Equal("000008", answer.Code);
        Assert.Equal("0A000", answer.Json.GetProperty("sqlState").GetString());
        Assert.Equal($"Actual statement count {actual} did not match the desired statement count {desired}.", answer.Json.GetProperty("message").GetString());
        Assert.Empty(sut.Statements.Executed);
    }

    [Fact]
    public async Task Submit_MultiStatementOneFails_Is422With100132AndStopsThere()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT A", 1);

        var answer = await sut.PostStatementAsync("SELECT A; BROKEN; SELECT A", extra: "\"parameters\":{\"MULTI_STATEMENT_COUNT\":\"3\"}");

        Assert.Equal(422, (int)answer.Status);
        Assert.Equal("100132", answer.Code);
        Assert.Equal("P0000", answer.Json.GetProperty("sqlState").GetString());
        Assert.Contains("001003", answer.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, sut.Statements.Executed.Count);
    }

    [Fact]
    public async Task Submit_MultiStatementWithBindings_Is422()
    {
        await using var sut = await ServerHarness.StartAsync();

        var answer = await sut.PostStatementAsync(
            "SELECT A; SELECT A", extra: "\"parameters\":{\"MULTI_STATEMENT_COUNT\":\"2\"},\"bindings\":{\"1\":{\"type\":\"TEXT\",\"value\":\"x\"}}");

        Assert.Equal(422, (int)answer.Status);
        Assert.Empty(sut.Statements.Executed);
    }

    /// <summary>Completes with the handle of the first statement whose runner logs that it stopped on a cancel.</summary>
    private sealed class CancelledStatementLog : ILoggerProvider
    {
        private readonly TaskCompletionSource<string> _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Cancelled => _cancelled.Task;

        public ILogger CreateLogger(string categoryName) => new Logger(_cancelled);

        public void Dispose()
        {
        }

        private sealed class Logger(TaskCompletionSource<string> cancelled) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Name == "StatementCanceled" && state is IReadOnlyList<KeyValuePair<string, object?>> fields
                    && fields.FirstOrDefault(f => f.Key == "Handle").Value is string handle)
                {
                    cancelled.TrySetResult(handle);
                }
            }
        }
    }
}
