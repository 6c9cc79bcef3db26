using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>The client against the local Snowflake over HTTP: statements, results and errors.</summary>
public sealed class SnowflakeClientIntegrationTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecuteAsync_CountOfSampleTable_IsTheGeneratedRowCount()
    {
        using var handle = fixture.CreateClient();

        var result = await handle.Client.ExecuteAsync("select count(*) from orders_100k", cancellationToken: Ct);

        var rows = await ReadAllAsync(result);
        Assert.Equal(SnowflakeType.Fixed, result.Columns[0].Type);
        Assert.Equal(SnowflakeDecimal.Parse("100000"), Assert.Single(rows)[0]);
    }

    [Fact]
    public async Task ReadBatchesAsync_ResultOfManyPartitions_YieldsEveryRowInOrder()
    {
        using var handle = fixture.CreateClient();

        var result = await handle.Client.ExecuteAsync(
            "SELECT O_ORDERKEY, O_TOTALPRICE FROM ORDERS_100K ORDER BY O_ORDERKEY", cancellationToken: Ct);

        Assert.True(result.Partitions.Count > 10, $"expected many partitions, got {result.Partitions.Count}");
        long expected = 0;
        var partitionsSeen = new HashSet<int>();
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            partitionsSeen.Add(batch.PartitionIndex);
            Assert.Equal(expected, batch.FirstRowIndex);
            for (var row = 0; row < batch.RowCount; row++)
            {
                expected++;
            }
        }

        Assert.Equal(100_000, expected);
        Assert.Equal(result.RowCount, expected);
        Assert.Equal(result.Partitions.Count, partitionsSeen.Count);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownColumn_ThrowsSnowflakeExceptionWithCodeStateAndHandle()
    {
        using var handle = fixture.CreateClient();

        var error = await Assert.ThrowsAsync<SnowflakeException>(
            () => handle.Client.ExecuteAsync("SELECT NO_SUCH_COLUMN FROM ORDERS_100K", cancellationToken: Ct));

        Assert.Equal(422, error.HttpStatus);
        Assert.Equal("000904", error.Code);
        Assert.Equal("42000", error.SqlState);
        Assert.False(string.IsNullOrEmpty(error.StatementHandle));
        Assert.Contains("invalid identifier 'NO_SUCH_COLUMN'", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownTable_ThrowsObjectDoesNotExist()
    {
        using var handle = fixture.CreateClient();

        var error = await Assert.ThrowsAsync<SnowflakeException>(
            () => handle.Client.ExecuteAsync("SELECT * FROM NO_SUCH_TABLE", cancellationToken: Ct));

        Assert.Equal("002003", error.Code);
        Assert.Equal("42S02", error.SqlState);
    }

    [Fact]
    public async Task ExecuteAsync_Bindings_AreAppliedAsValues()
    {
        using var handle = fixture.CreateClient();

        var result = await handle.Client.ExecuteAsync(
            "SELECT COUNT(*) FROM ORDERS_100K WHERE O_ORDERSTATUS = ? AND O_ORDERKEY <= ?",
            new SnowflakeStatementOptions { Bindings = [SnowflakeBinding.Text("F"), SnowflakeBinding.Fixed(1000)] },
            Ct);
        var reference = await handle.Client.ExecuteAsync(
            "SELECT COUNT(*) FROM ORDERS_100K WHERE O_ORDERSTATUS = 'F' AND O_ORDERKEY <= 1000", cancellationToken: Ct);

        Assert.Equal((await ReadAllAsync(reference))[0][0], (await ReadAllAsync(result))[0][0]);
    }

    internal static Task<List<object?[]>> ReadAllAsync(SnowflakeResult result) => SnowflakeResultRows.ReadAllAsync(result, Ct);
}
