using Snowferry.Snowflake.Client;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>
/// <see cref="SnowflakeStatementOptions.OnAccepted"/>: the handle a caller records so that the statement can be cancelled
/// after a crash, given while the statement still runs (its own fixture: the tests hold statements on the server). The
/// result cache stays on: a statement answered from it starts and is held like any other.
/// </summary>
public sealed class SnowflakeClientAcceptedTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecuteAsync_OnAccepted_GetsTheHandleWhileTheStatementRuns()
    {
        using var handle = fixture.CreateClient();
        using var hold = new StatementHold(fixture.Snowflake.Host.Server.Faults, s => s.Statement.Contains("LOCATIONS_595", StringComparison.Ordinal));
        var accepted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new SnowflakeStatementOptions { OnAccepted = h => accepted.SetResult(h) };

        var executing = handle.Client.ExecuteAsync("SELECT COUNT(*) FROM LOCATIONS_595", options, Ct);
        var running = await hold.Started.WaitAsync(s_bound, Ct);
        // The statement is held on the server until released: a handle given only at the end would never come.
        var given = await accepted.Task.WaitAsync(s_bound, Ct);
        hold.Release();
        var result = await executing;

        Assert.Equal(running.Handle, given);
        Assert.Equal(result.StatementHandle, given);
    }

    [Fact]
    public async Task ExecuteAsync_OnAcceptedThrows_CancelsTheStatementAndThrowsThatException()
    {
        using var handle = fixture.CreateClient();
        var faults = fixture.Snowflake.Host.Server.Faults;
        using var hold = new StatementHold(faults, s => s.Statement.Contains("LOCATIONS_595", StringComparison.Ordinal));
        var cancelled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<string> onCancel = (_, h) => cancelled.TrySetResult(h);
        faults.StatementCancelledByClient += onCancel;
        string? given = null;
        var options = new SnowflakeStatementOptions
        {
            OnAccepted = h =>
            {
                given = h;
                throw new InvalidOperationException("the job store is down");
            },
        };
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(
                () => handle.Client.ExecuteAsync("SELECT COUNT(*) FROM LOCATIONS_595", options, Ct));

            Assert.Equal("the job store is down", error.Message);
            // The handle could not be recorded, so the client cancelled the still held statement itself.
            Assert.Equal(given, await cancelled.Task.WaitAsync(s_bound, Ct));
        }
        finally
        {
            faults.StatementCancelledByClient -= onCancel;
        }
    }
}
