using Snowferry.LocalSnowflake.Server;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// The warehouse's concurrency level and the matched statement delay as the real client meets them: statements past
/// the level queue and still complete, a queued statement can be cancelled, a delay holds only what it matches.
/// Held statements wait on a delay far longer than the test, which only disarming the switch (or a cancel) ends.
/// The result cache stays on (Snowflake's default): every statement here has a text of its own, so each runs and takes a
/// slot; a repeated one would be answered from the cache without a slot.
/// </summary>
public sealed class WarehouseConcurrencyTests(WarehouseConcurrencyFixture fixture) : IClassFixture<WarehouseConcurrencyFixture>
{
    private static readonly TimeSpan s_forever = TimeSpan.FromMinutes(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LocalSnowflakeFaults Faults => fixture.Host.Server.Faults;

    private LocalWarehouseLoad Load => fixture.Host.Server.WarehouseLoad(fixture.Warehouse);

    private void Hold(string marker) => Faults.DelayStatementsWhere(s => s.Contains(marker, StringComparison.Ordinal), s_forever);

    private void Release() => Faults.DelayStatementsWhere(null, TimeSpan.Zero);

    [Fact]
    public async Task ExecuteAsync_FiveAtOnceAtLevelTwo_TwoRunThreeQueueAndAllComplete()
    {
        using var events = new StatementEvents(Faults);
        Hold("AS PEAK_");
        try
        {
            var statements = Enumerable.Range(1, 5)
                .Select(i => fixture.Client.ExecuteAsync($"SELECT COUNT(*) + {i} AS PEAK_{i} FROM LOCATIONS_595", cancellationToken: Ct))
                .ToList();

            await events.WaitUntilAsync(() => events.StartedCount("AS PEAK_") == 2 && events.QueuedCount("AS PEAK_") == 3);
            Assert.Equal((2, 3), (Load.Running, Load.Queued));
            Release();

            var results = await Task.WhenAll(statements);
            for (var i = 1; i <= 5; i++)
            {
                Assert.Equal($"PEAK_{i}", results[i - 1].Columns[0].Name);
                Assert.Equal(SnowflakeDecimal.Parse((595 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), await SingleValueAsync(results[i - 1]));
            }

            Assert.Equal(5, events.StartedCount("AS PEAK_"));
            Assert.Equal(WarehouseConcurrencyFixture.Level, Load.PeakRunning);
        }
        finally
        {
            Release();
        }
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancelsAQueuedStatement_ItLeavesTheQueueNeverStartsAndIsCancelled()
    {
        using var events = new StatementEvents(Faults);
        Hold("AS HELD_");
        try
        {
            var held = Enumerable.Range(1, 2)
                .Select(i => fixture.Client.ExecuteAsync($"SELECT COUNT(*) AS HELD_{i} FROM LOCATIONS_595", cancellationToken: Ct))
                .ToList();
            await events.WaitUntilAsync(() => events.StartedCount("AS HELD_") == 2);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var doomed = fixture.Client.ExecuteAsync("SELECT COUNT(*) AS DOOMED FROM LOCATIONS_595", cancellationToken: cts.Token);
            await events.WaitUntilAsync(() => events.QueuedCount("AS DOOMED") == 1);
            var handle = events.Queued.Single(q => q.Statement.Contains("AS DOOMED", StringComparison.Ordinal)).Handle;

            await cts.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => doomed);
            await events.WaitUntilAsync(() => events.CancelledByClient.Contains(handle));
            Assert.Equal((2, 0), (Load.Running, Load.Queued));
            var error = await Assert.ThrowsAsync<SnowflakeException>(() => fixture.Client.GetResultAsync(handle, Ct));
            Assert.Equal(("000604", "57014"), (error.Code, error.SqlState));

            // Had it stayed in line, it would take the first freed slot, ahead of this one.
            var next = fixture.Client.ExecuteAsync("SELECT COUNT(*) AS NEXT_IN_LINE FROM LOCATIONS_595", cancellationToken: Ct);
            await events.WaitUntilAsync(() => events.QueuedCount("AS NEXT_IN_LINE") == 1);
            Release();
            await Task.WhenAll(held);
            Assert.Equal(SnowflakeDecimal.Parse("595"), await SingleValueAsync(await next));
            Assert.DoesNotContain(events.Started, s => s.Handle == handle);
        }
        finally
        {
            Release();
        }
    }

    [Fact]
    public async Task DelayStatementsWhere_MatchedStatementHeld_UnmatchedOneCompletesMeanwhile()
    {
        using var events = new StatementEvents(Faults);
        Hold("AS SLOW_ONE");
        try
        {
            var slow = fixture.Client.ExecuteAsync("SELECT COUNT(*) AS SLOW_ONE FROM LOCATIONS_595", cancellationToken: Ct);
            await events.WaitUntilAsync(() => events.StartedCount("AS SLOW_ONE") == 1);

            var fast = await fixture.Client.ExecuteAsync("SELECT COUNT(*) AS FAST_ONE FROM LOCATIONS_595", cancellationToken: Ct);

            Assert.Equal(SnowflakeDecimal.Parse("595"), await SingleValueAsync(fast));
            Assert.False(slow.IsCompleted, "the matched statement is still in its delay");
            Release();
            Assert.Equal(SnowflakeDecimal.Parse("595"), await SingleValueAsync(await slow));
        }
        finally
        {
            Release();
        }
    }

    private static async Task<object?> SingleValueAsync(SnowflakeResult result)
    {
        var values = new List<object?>();
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                values.Add(batch[row, 0]);
            }
        }

        return Assert.Single(values);
    }
}
