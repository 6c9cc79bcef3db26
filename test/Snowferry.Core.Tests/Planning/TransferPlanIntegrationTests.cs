using Snowferry.Planning;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;
using Snowferry.Tests.Snowflake.Client;

namespace Snowferry.Tests.Planning;

/// <summary>
/// Plans read through the real client from the local Snowflake, and their SQL run there: the statement the golden
/// tests fix must also execute and return the planned schema. Needs the local Snowflake's engine.
/// </summary>
public sealed class TransferPlanIntegrationTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string[]> Tables => new()
    {
        { "LOCATIONS_595", [] },
        { "orders_100k", [] },
        { "ORDERS_100K", ["O_ORDERKEY", "O_CUSTKEY", "O_SHIPPRIORITY"] },
        { "public.movie_ratings_27m", ["USERID", "MOVIEID"] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task PlanAsync_SampleTable_SqlReturnsPlannedSchemaAndSourceRows(string table, string[] keys)
    {
        using var handle = fixture.CreateClient();

        var plan = await TransferPlanner.PlanAsync(handle.Client, fixture.Settings, table, new() { KeyColumns = keys }, Ct);
        var result = await handle.Client.ExecuteAsync(plan.Sql, cancellationToken: Ct);
        var total = await ScalarAsync(handle.Client, plan.CountSql);

        Assert.Equal([.. plan.OutputSchema.Select(c => c.Name), TransferPlan.SourceRowsColumn], result.Columns.Select(c => c.Name));
        Assert.Equal(plan.OutputSchema.Select(c => (c.Type, c.Scale ?? 0)), result.Columns.Take(plan.OutputSchema.Count).Select(c => (c.Type, c.Type == SnowflakeType.Fixed ? c.Scale ?? 0 : 0)));
        long kept = 0;
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                kept += batch.GetValue<long>(row, plan.SourceRowsOrdinal);
            }
        }

        Assert.InRange(kept, 1, total);
    }

    [Theory]
    [InlineData("ORDERS_100K", new[] { "O_ORDERKEY", "O_CUSTKEY" })]
    [InlineData("MOVIE_RATINGS_27M", new[] { "USERID", "MOVIEID" })]
    public async Task PlanAsync_SampleTableDefaults_WarnsOfExactlyItsSummedIdentifiers(string table, string[] identifiers)
    {
        using var handle = fixture.CreateClient();

        var plan = await TransferPlanner.PlanAsync(handle.Client, fixture.Settings, table, cancellationToken: Ct);

        Assert.Equal(identifiers, plan.Warnings.Select(w => w.Column));
        Assert.All(plan.Warnings, w => Assert.Equal(PlanWarningCode.IdentifierSummed, w.Code));
    }

    [Fact]
    public async Task PlanAsync_OrdersIdentifiersAsKeys_NoWarning()
    {
        using var handle = fixture.CreateClient();

        var plan = await TransferPlanner.PlanAsync(handle.Client, fixture.Settings, "ORDERS_100K", new() { KeyColumns = ["O_ORDERKEY", "O_CUSTKEY"] }, Ct);

        Assert.Empty(plan.Warnings);
    }

    [Theory]
    [InlineData("\"orders_100k\"")]
    [InlineData("\"ORDERS_100K; DROP TABLE ORDERS_100K\"")]
    [InlineData("\"ORDERS_100K\"\"\"")]
    [InlineData("PUBLIC.\"ORDERS 100K\"")]
    public async Task PlanAsync_QuotedNameOfNoTable_TableNotFoundAndNothingTouched(string table)
    {
        using var handle = fixture.CreateClient();

        var error = await Assert.ThrowsAsync<PlanException>(() => TransferPlanner.PlanAsync(handle.Client, fixture.Settings, table, cancellationToken: Ct));

        Assert.Equal(PlanErrorCode.TableNotFound, error.Code);
        Assert.Equal(100_000, await ScalarAsync(handle.Client, "SELECT COUNT(*) FROM \"PUBLIC\".\"ORDERS_100K\""));
    }

    [Fact]
    public async Task PlanAsync_UnquotedInjection_RefusedAndNothingTouched()
    {
        using var handle = fixture.CreateClient();

        await Assert.ThrowsAsync<InvalidIdentifierException>(
            () => TransferPlanner.PlanAsync(handle.Client, fixture.Settings, "ORDERS_100K; DROP TABLE ORDERS_100K", cancellationToken: Ct));

        Assert.Equal(100_000, await ScalarAsync(handle.Client, "SELECT COUNT(*) FROM \"PUBLIC\".\"ORDERS_100K\""));
    }

    private static async Task<long> ScalarAsync(SnowflakeClient client, string sql)
    {
        var result = await client.ExecuteAsync(sql, cancellationToken: Ct);
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            return batch.GetValue<long>(0, 0);
        }

        throw new InvalidOperationException("No row.");
    }
}
