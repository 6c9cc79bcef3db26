using Snowferry.Snowflake;

namespace Snowferry.Tests.Integration;

/// <summary>
/// Faults injected by the local Snowflake (its own fixture, so the switches touch no other test class): throttling,
/// unavailability, a partition cut mid-body, long statements answered 202, cancellation.
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
        fixture.Snowflake.Host.Server.Faults.StatementDelay = TimeSpan.FromSeconds(2);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            cts.CancelAfter(TimeSpan.FromMilliseconds(500));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handle.Client.ExecuteAsync(
                "INSERT INTO CANCEL_ME VALUES (1)", new SnowflakeStatementOptions { Async = true }, cts.Token));

            // Had the cancel not reached the server, the insert would land once the delay is over.
            await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        }
        finally
        {
            fixture.Snowflake.Host.Server.Faults.StatementDelay = TimeSpan.Zero;
        }

        var count = await handle.Client.ExecuteAsync("SELECT COUNT(*) FROM CANCEL_ME", cancellationToken: Ct);
        Assert.Equal(SnowflakeDecimal.Parse("0"), (await SnowflakeClientIntegrationTests.ReadAllAsync(count))[0][0]);
    }
}
