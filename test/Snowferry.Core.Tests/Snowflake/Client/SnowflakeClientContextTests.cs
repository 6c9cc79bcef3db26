using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Configuration;
using Snowferry.Testing;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>
/// Database, schema, warehouse and role as the SQL API takes them: case-sensitive names, which the client derives from
/// connections.toml by the identifier rules, and which the local Snowflake refuses unless they match exactly.
/// </summary>
public sealed class SnowflakeClientContextTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecuteAsync_LowerCaseUnquotedNamesInConnectionsToml_AreFoldedAndAccepted()
    {
        using var folder = new TempDirectory();
        var settings = LoadRewritten(folder, database: "snowferry", schema: "public", warehouse: "local_wh", role: "Local_Role");
        using var handle = fixture.CreateClient(settings: settings);

        var result = await handle.Client.ExecuteAsync("SELECT CURRENT_DATABASE(), CURRENT_SCHEMA()", cancellationToken: Ct);

        Assert.Equal(new object?[] { "SNOWFERRY", "PUBLIC" }, Assert.Single(await SnowflakeResultRows.ReadAllAsync(result, Ct)));
    }

    [Fact]
    public async Task ExecuteAsync_QuotedExactCaseNames_AreSentWithoutQuotes()
    {
        using var folder = new TempDirectory();
        var settings = LoadRewritten(folder, database: "\"SNOWFERRY\"", schema: "\"PUBLIC\"", warehouse: "\"LOCAL_WH\"", role: "\"LOCAL_ROLE\"");
        using var handle = fixture.CreateClient(settings: settings);

        var result = await handle.Client.ExecuteAsync("SELECT CURRENT_SCHEMA()", cancellationToken: Ct);

        Assert.Equal("PUBLIC", Assert.Single(await SnowflakeResultRows.ReadAllAsync(result, Ct))[0]);
    }

    [Theory]
    [InlineData("database", "The requested database does not exist or not authorized.")]
    [InlineData("schema", "The requested schema does not exist or not authorized.")]
    [InlineData("warehouse", "The requested warehouse does not exist or not authorized.")]
    [InlineData("role", "The requested role does not exist or not authorized.")]
    public async Task ExecuteAsync_QuotedWrongCaseName_IsRefusedWith390201(string field, string message)
    {
        var quoted = field switch
        {
            "database" => fixture.Settings with { Database = "\"snowferry\"" },
            "schema" => fixture.Settings with { Schema = "\"public\"" },
            "warehouse" => fixture.Settings with { Warehouse = "\"local_wh\"" },
            _ => fixture.Settings with { Role = "\"local_role\"" },
        };
        using var handle = fixture.CreateClient(settings: quoted);

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct));

        Assert.Equal((422, "390201", "08004"), (error.HttpStatus, error.Code, error.SqlState));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_LowerCaseStatementOptionOverride_IsFoldedToo()
    {
        using var handle = fixture.CreateClient();

        var result = await handle.Client.ExecuteAsync(
            "SELECT CURRENT_SCHEMA()", new SnowflakeStatementOptions { Schema = "information_schema", Warehouse = "local_wh" }, Ct);

        Assert.Equal("INFORMATION_SCHEMA", Assert.Single(await SnowflakeResultRows.ReadAllAsync(result, Ct))[0]);
    }

    /// <summary>The host's connections.toml with the four context lines replaced, loaded as a user's would be.</summary>
    private SnowflakeConnectionSettings LoadRewritten(TempDirectory folder, string database, string schema, string warehouse, string role)
    {
        static string Toml(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        var replaced = new Dictionary<string, string>
        {
            ["database"] = database,
            ["schema"] = schema,
            ["warehouse"] = warehouse,
            ["role"] = role,
        };
        var lines = File.ReadAllLines(fixture.Snowflake.Host.ConnectionsFilePath).Select(line =>
        {
            var key = line.Split('=', 2)[0].Trim();
            return replaced.TryGetValue(key, out var value) ? $"{key} = {Toml(value)}" : line;
        });
        var path = folder.Combine("connections.toml");
        File.WriteAllLines(path, lines);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return SnowflakeConnections.Load(new SnowflakeConnectionOptions { ConnectionsFile = path, ConnectionName = fixture.Snowflake.Host.ConnectionName });
    }
}
