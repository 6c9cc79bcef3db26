using System.Net;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// The request's database, schema, warehouse and role over plain HTTP: names are matched exactly as sent (the SQL API
/// does not fold them), and a name matching no object is refused as Snowflake refuses it.
/// </summary>
public sealed class ContextNameTests : IAsyncLifetime
{
    private readonly LocalEngine _engine = new(new LocalEngineOptions { Warehouses = ["LOCAL_WH", "etl_wh"], Roles = ["LOCAL_ROLE"] });
    private ServerHarness? _harness;

    private ServerHarness Harness => _harness!;

    public async ValueTask InitializeAsync() => _harness = await ServerHarness.StartAsync(_engine);

    [Fact]
    public async Task Submit_ExactNames_Runs()
    {
        var answer = await Harness.PostStatementAsync(
            "SELECT CURRENT_SCHEMA()", extra: "\"database\":\"SNOWFERRY\",\"schema\":\"PUBLIC\",\"warehouse\":\"etl_wh\",\"role\":\"LOCAL_ROLE\"");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("PUBLIC", answer.Json.GetProperty("data")[0][0].GetString());
    }

    [Theory]
    [InlineData("database", "snowferry")]
    [InlineData("schema", "public")]
    [InlineData("warehouse", "local_wh")]
    [InlineData("warehouse", "ETL_WH")]
    [InlineData("role", "local_role")]
    [InlineData("role", "\"LOCAL_ROLE\"")]
    public async Task Submit_NameNotInExactCase_Is422With390201(string field, string value)
    {
        var answer = await Harness.PostStatementAsync("SELECT 1", extra: $"\"{field}\":{System.Text.Json.JsonSerializer.Serialize(value)}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal(("390201", "08004"), (answer.Code, answer.Json.GetProperty("sqlState").GetString()));
        Assert.Equal($"The requested {field} does not exist or not authorized.", answer.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Submit_SchemaOfACreatedTable_Runs()
    {
        Assert.Equal(HttpStatusCode.OK, (await Harness.PostStatementAsync("CREATE TABLE \"Sales\".T (N NUMBER)")).Status);

        var answer = await Harness.PostStatementAsync("SELECT COUNT(*) FROM T", extra: "\"schema\":\"Sales\"");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        _engine.Dispose();
    }
}
