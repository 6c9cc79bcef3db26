using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// The result cache's rules (Snowflake's persisted query results): what is answered from a stored result without running,
/// and what runs again. Executions are counted where statements reach the engine.
/// </summary>
public sealed class ResultCacheTests
{
    private const string Query = EngineServer.Query;

    [Fact]
    public async Task Submit_SameTextTwice_SecondIsNotExecutedAndGetsANewHandleWithTheSameResult()
    {
        await using var sut = await EngineServer.StartAsync();
        using var events = new StatementEvents(sut.Faults);

        var first = await sut.RunAsync(Query);
        var second = await sut.RunAsync(Query);

        Assert.Equal(1, sut.Executions(Query));
        Assert.NotEqual(first.Handle, second.Handle);
        Assert.Equal(EngineServer.MetaData(first), EngineServer.MetaData(second));
        Assert.Equal(EngineServer.Data(first), EngineServer.Data(second));
        Assert.Contains($"/api/v2/statements/{second.Handle}?partition=1", second.Link, StringComparison.Ordinal);
        Assert.Equal(3, second.Json.GetProperty("resultSetMetaData").GetProperty("partitionInfo").GetArrayLength());
        for (var partition = 1; partition < 3; partition++)
        {
            var original = await sut.PartitionAsync(first, partition);
            var reused = await sut.PartitionAsync(second, partition);
            Assert.Equal((200, 200), ((int)original.Status, (int)reused.Status));
            Assert.Equal(original.Bytes, reused.Bytes);
        }

        Assert.Equal([false, true], events.Started.Where(s => s.Statement == Query).Select(s => s.FromResultCache));
        Assert.Equal((1, 7), (sut.Server.ResultCacheStatistics.Hits, sut.Server.ResultCacheStatistics.RowsServed));
    }

    [Theory]
    [InlineData("\"parameters\":{\"USE_CACHED_RESULT\":\"FALSE\"}")]
    [InlineData("\"parameters\":{\"use_cached_result\":false}")]
    public async Task Submit_UseCachedResultFalse_Runs(string parameters)
    {
        await using var sut = await EngineServer.StartAsync();
        await sut.RunAsync(Query);

        var again = await sut.RunAsync(Query, parameters);

        Assert.Equal(2, sut.Executions(Query));
        Assert.Equal(7, again.Json.GetProperty("resultSetMetaData").GetProperty("numRows").GetInt32());
        Assert.Equal(0, sut.Server.ResultCacheStatistics.Hits);
    }

    [Fact]
    public async Task Submit_UseCachedResultNotABoolean_Is400()
    {
        await using var sut = await EngineServer.StartAsync();

        var answer = await sut.PostAsync(Query, "\"parameters\":{\"USE_CACHED_RESULT\":\"maybe\"}");

        Assert.Equal(400, (int)answer.Status);
        Assert.Equal("390142", answer.Code);
    }

    [Theory]
    [InlineData("INSERT INTO T VALUES (8, 'h')", 8)]
    [InlineData("INSERT INTO T SELECT ID + 10, NAME FROM T", 14)]
    [InlineData("CREATE OR REPLACE TABLE T (ID NUMBER, NAME VARCHAR)", 0)]
    public async Task Submit_TableChangedBetween_RunsAndSeesTheChange(string change, int rows)
    {
        await using var sut = await EngineServer.StartAsync();
        await sut.RunAsync(Query);

        await sut.RunAsync(change);
        var again = await sut.RunAsync(Query);

        Assert.Equal(2, sut.Executions(Query));
        Assert.Equal(rows, again.Json.GetProperty("resultSetMetaData").GetProperty("numRows").GetInt32());
    }

    [Fact]
    public async Task Submit_TableDroppedAndRecreatedBetween_Runs()
    {
        await using var sut = await EngineServer.StartAsync();
        await sut.RunAsync(Query);

        await sut.RunAsync("DROP TABLE T");
        await sut.RunAsync("CREATE TABLE T (ID NUMBER, NAME VARCHAR)");
        var again = await sut.RunAsync(Query);

        Assert.Equal(2, sut.Executions(Query));
        Assert.Equal(0, again.Json.GetProperty("resultSetMetaData").GetProperty("numRows").GetInt32());
    }

    [Fact]
    public async Task Submit_NativeSqlRanBetween_Runs()
    {
        // How the sample tables are generated: DuckDB SQL the catalog cannot see into, so every stored result is stale.
        await using var sut = await EngineServer.StartAsync();
        await sut.RunAsync(Query);

        sut.Engine.ExecuteNative($"DELETE FROM {sut.Engine.NativeTableName("PUBLIC", "T")} WHERE {sut.Engine.NativeColumnName("PUBLIC", "T", "ID")} > 5", TestContext.Current.CancellationToken);
        var again = await sut.RunAsync(Query);

        Assert.Equal(2, sut.Executions(Query));
        Assert.Equal(5, again.Json.GetProperty("resultSetMetaData").GetProperty("numRows").GetInt32());
    }

    [Fact]
    public async Task Submit_AnotherTableChangedBetween_AnsweredFromCache()
    {
        await using var sut = await EngineServer.StartAsync();
        await sut.RunAsync("CREATE TABLE U (N NUMBER)");
        await sut.RunAsync(Query);

        await sut.RunAsync("INSERT INTO U VALUES (1)");
        await sut.RunAsync(Query);

        Assert.Equal(1, sut.Executions(Query));
    }

    [Theory]
    [InlineData("\"schema\":\"OTHER\"", "")]
    [InlineData("\"role\":\"OTHER_ROLE\"", "")]
    [InlineData("\"parameters\":{\"TIMEZONE\":\"UTC\"}", "")]
    [InlineData("\"parameters\":{\"DATE_OUTPUT_FORMAT\":\"YYYY-MM-DD\"}", "")]
    [InlineData(null, "?nullable=false")]
    public async Task Submit_OtherContextOrResultParameters_Runs(string? extra, string query)
    {
        await using var sut = await EngineServer.StartAsync(engineOptions: new LocalEngineOptions { Roles = ["LOCAL_ROLE", "OTHER_ROLE"] });
        await sut.RunAsync("CREATE TABLE OTHER.T (ID NUMBER, NAME VARCHAR)");
        await sut.RunAsync(Query);

        var again = await sut.PostAsync(Query, extra, query);

        Assert.Equal(200, (int)again.Status);
        Assert.Equal(2, sut.Executions(Query));
    }

    [Theory]
    [InlineData("\"database\":\"SNOWFERRY\"")]
    [InlineData("\"schema\":\"PUBLIC\"")]
    [InlineData("\"role\":\"LOCAL_ROLE\"")]
    public async Task Submit_DefaultContextNamed_AnsweredFromCache(string extra)
    {
        // Named or left to the defaults, the statement runs in the same context.
        await using var sut = await EngineServer.StartAsync();
        await sut.RunAsync(Query);

        await sut.RunAsync(Query, extra);

        Assert.Equal(1, sut.Executions(Query));
    }

    [Fact]
    public async Task Submit_OtherWarehouse_AnsweredFromCache()
    {
        await using var sut = await EngineServer.StartAsync(engineOptions: new LocalEngineOptions { Warehouses = ["LOCAL_WH", "OTHER_WH"] });
        await sut.RunAsync(Query, "\"warehouse\":\"LOCAL_WH\"");

        await sut.RunAsync(Query, "\"warehouse\":\"OTHER_WH\"");

        Assert.Equal(1, sut.Executions(Query));
    }

    [Fact]
    public async Task Submit_SameTextOtherBindings_Runs()
    {
        const string ByName = "SELECT NAME FROM T WHERE ID = ?";
        static string Binding(string id) => "\"bindings\":{\"1\":{\"type\":\"FIXED\",\"value\":\"" + id + "\"}}";
        await using var sut = await EngineServer.StartAsync();

        await sut.RunAsync(ByName, Binding("2"));
        await sut.RunAsync(ByName, Binding("2"));
        var other = await sut.RunAsync(ByName, Binding("3"));

        Assert.Equal(2, sut.Executions(ByName));
        Assert.Equal("c", other.Json.GetProperty("data")[0][0].GetString());
    }

    [Theory]
    [InlineData("SELECT CURRENT_TIMESTAMP() AS NOW_TS")]
    [InlineData("SELECT COUNT(*) AS N, SYSDATE() AS AT_TS FROM T")]
    [InlineData("SELECT NAME FROM T WHERE ID < 3 ORDER BY LOCALTIMESTAMP")]
    [InlineData("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES")]
    [InlineData("SELECT COUNT(*) FROM SNOWFERRY.INFORMATION_SCHEMA.COLUMNS")]
    [InlineData("DESCRIBE TABLE T")]
    public async Task Submit_NeverReusedStatementTwice_RunsTwice(string statement)
    {
        await using var sut = await EngineServer.StartAsync();

        await sut.RunAsync(statement);
        await sut.RunAsync(statement);

        Assert.Equal(2, sut.Executions(statement));
        Assert.Equal(0, sut.Server.ResultCacheStatistics.Stored);
    }

    [Fact]
    public async Task Submit_CurrentDate_AnsweredFromCache()
    {
        // Snowflake's documented exception: evaluated at execution, yet its queries reuse persisted results.
        const string Today = "SELECT CURRENT_DATE() AS TODAY, COUNT(*) AS N FROM T";
        await using var sut = await EngineServer.StartAsync();

        await sut.RunAsync(Today);
        await sut.RunAsync(Today);

        Assert.Equal(1, sut.Executions(Today));
    }

    [Fact]
    public async Task Submit_ServerCacheOff_RunsEveryTime()
    {
        await using var sut = await EngineServer.StartAsync(new LocalSnowflakeServerOptions { PartitionRowCount = 3, UseCachedResult = false });

        await sut.RunAsync(Query);
        await sut.RunAsync(Query);

        Assert.Equal(2, sut.Executions(Query));
        Assert.Equal(new LocalResultCacheStatistics(0, 0, 0, 0, 0), sut.Server.ResultCacheStatistics);
    }
}
