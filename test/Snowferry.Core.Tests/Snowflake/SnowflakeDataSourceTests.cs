using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;
using Snowferry.Testing;

namespace Snowferry.Tests.Snowflake;

/// <summary>The data source built from the local Snowflake's connections.toml, used over HTTP.</summary>
public sealed class SnowflakeDataSourceTests(LocalSnowflakeFixture fixture) : IClassFixture<LocalSnowflakeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_FromConnectionsFile_ClientRunsWithTheConnectionsDatabase()
    {
        using var source = SnowflakeDataSource.Create(new SnowflakeConnectionOptions
        {
            ConnectionsFile = fixture.Host.ConnectionsFilePath,
            ConnectionName = fixture.Host.ConnectionName,
        });

        var result = await source.Client.ExecuteAsync("SELECT CURRENT_DATABASE()", cancellationToken: Ct);

        Assert.Equal(fixture.Host.ConnectionName, source.Settings.Name);
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            Assert.Equal(fixture.Host.Engine.Options.DatabaseName, batch.GetValue<string?>(0, 0));
        }
    }

    [Fact]
    public async Task Dispose_ThenExecute_Throws()
    {
        var source = SnowflakeDataSource.Create(new SnowflakeConnectionOptions
        {
            ConnectionsFile = fixture.Host.ConnectionsFilePath,
            ConnectionName = fixture.Host.ConnectionName,
        });

        source.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => source.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct));
    }

    [Fact]
    public void Create_KeyFileMissing_ThrowsConfigurationExceptionNamingIt()
    {
        var settings = SnowflakeConnections.Load(new SnowflakeConnectionOptions
        {
            ConnectionsFile = fixture.Host.ConnectionsFilePath,
            ConnectionName = fixture.Host.ConnectionName,
        });

        var error = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeDataSource.Create(settings with { PrivateKeyFile = "/no/such/key.p8" }));

        Assert.Contains("/no/such/key.p8", error.Message, StringComparison.Ordinal);
    }
}
