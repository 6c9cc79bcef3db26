using System.Collections.Concurrent;
using Snowferry.LocalSnowflake.Server;
using Snowferry.Snowflake.Client;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>
/// The client against the local Snowflake's result cache (on, as Snowflake's by default): a result answered from it
/// reads like one that ran, and <c>USE_CACHED_RESULT</c> goes through <see cref="SnowflakeStatementOptions.Parameters"/>.
/// </summary>
public sealed class SnowflakeClientResultCacheTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>, IDisposable
{
    // Five partitions of 1,000 rows; each test has a text of its own, which no other test of this fixture sends.
    private const string Query = "SELECT O_ORDERKEY, O_TOTALPRICE FROM ORDERS_100K WHERE O_ORDERKEY <= 5000 ORDER BY O_ORDERKEY";
    private const string Uncached = "SELECT O_ORDERKEY, O_TOTALPRICE FROM ORDERS_100K WHERE O_ORDERKEY > 95000 ORDER BY O_ORDERKEY";

    private readonly ConcurrentQueue<LocalStatementStart> _starts = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LocalSnowflakeFaults Faults => fixture.Snowflake.Host.Server.Faults;

    private void OnStart(object? sender, LocalStatementStart start)
    {
        if (start.Statement is Query or Uncached)
        {
            _starts.Enqueue(start);
        }
    }

    [Fact]
    public async Task ExecuteAsync_SameStatementAgain_AnsweredFromTheCacheUnderANewHandleWithTheSameRows()
    {
        using var handle = fixture.CreateClient();
        Faults.StatementStarting += OnStart;

        var first = await handle.Client.ExecuteAsync(Query, cancellationToken: Ct);
        var firstRows = await SnowflakeClientIntegrationTests.ReadAllAsync(first);
        var second = await handle.Client.ExecuteAsync(Query, cancellationToken: Ct);
        var secondRows = await SnowflakeClientIntegrationTests.ReadAllAsync(second);

        Assert.Equal([false, true], _starts.Select(s => s.FromResultCache));
        Assert.NotEqual(first.StatementHandle, second.StatementHandle);
        Assert.Equal(5, second.Partitions.Count);
        Assert.Equal(5_000, secondRows.Count);
        Assert.Equal(firstRows, secondRows);
    }

    [Fact]
    public async Task ExecuteAsync_UseCachedResultFalse_RunsTheStatement()
    {
        using var handle = fixture.CreateClient();
        await handle.Client.ExecuteAsync(Uncached, cancellationToken: Ct);
        Faults.StatementStarting += OnStart;

        var options = new SnowflakeStatementOptions { Parameters = new Dictionary<string, string> { ["USE_CACHED_RESULT"] = "FALSE" } };
        var result = await handle.Client.ExecuteAsync(Uncached, options, Ct);

        Assert.False(Assert.Single(_starts).FromResultCache);
        Assert.Equal(5_000, (await SnowflakeClientIntegrationTests.ReadAllAsync(result)).Count);
    }

    public void Dispose() => Faults.StatementStarting -= OnStart;
}
