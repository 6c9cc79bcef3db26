using System.Text.Json;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>How context names from connections.toml become the case-sensitive names the SQL API matches.</summary>
public sealed class StatementRequestContextTests
{
    [Theory]
    [InlineData("my_db", "MY_DB")]
    [InlineData("Analytics$2", "ANALYTICS$2")]
    [InlineData("  etl_wh  ", "ETL_WH")]
    [InlineData("\"my_db\"", "my_db")]
    [InlineData("\"My \"\"Quoted\"\" Db\"", "My \"Quoted\" Db")]
    [InlineData("my db", "my db")]
    [InlineData("sales-eu", "sales-eu")]
    [InlineData("1st_db", "1st_db")]
    public void ContextName_ByIdentifierRules_IsTheStoredName(string written, string sent)
    {
        Assert.Equal(sent, StatementRequest.ContextName(written, "database"));
    }

    [Theory]
    [InlineData("\"never closed")]
    [InlineData("\"a\" b")]
    [InlineData("\"db\".\"schema\"")]
    public void ContextName_MalformedQuotedName_ThrowsConfigurationErrorNamingTheField(string written)
    {
        var error = Assert.Throws<SnowflakeConfigurationException>(() => StatementRequest.ContextName(written, "warehouse"));

        Assert.Contains("the connection's warehouse", error.Message, StringComparison.Ordinal);
        Assert.Contains("double quotes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SettingsAndOverrides_AreSentByTheSameRule()
    {
        var settings = Fake.Settings with { Database = "my_db", Schema = "\"Mixed\"", Warehouse = "wh", Role = "analyst" };

        var body = StatementRequest.Build("SELECT 1", new SnowflakeStatementOptions { Schema = "other", Role = "\"lower\"" }, settings);

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(
            ("MY_DB", "OTHER", "WH", "lower"),
            (root.GetProperty("database").GetString(), root.GetProperty("schema").GetString(),
                root.GetProperty("warehouse").GetString(), root.GetProperty("role").GetString()));
    }
}
