using Snowferry.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Configuration;

public sealed class SnowflakeConnectionsDefaultNameTests : IDisposable
{
    private readonly TempSnowflakeHome _home = new();

    public SnowflakeConnectionsDefaultNameTests()
    {
        _home.Write(".snowflake/connections.toml", string.Concat(
            TempSnowflakeHome.PatConnection("default", "acct-default"),
            TempSnowflakeHome.PatConnection("from_config", "acct-config"),
            TempSnowflakeHome.PatConnection("from_env", "acct-env"),
            TempSnowflakeHome.PatConnection("explicit", "acct-explicit")));
    }

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Load_NoNameAnywhere_UsesDefault() =>
        Assert.Equal("acct-default", SnowflakeConnections.Load(_home.Options()).Account);

    [Fact]
    public void Load_ConfigDefaultConnectionName_BeatsDefault()
    {
        _home.Write(".snowflake/config.toml", "default_connection_name = \"from_config\"\n");

        Assert.Equal("acct-config", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_EnvDefaultConnectionName_BeatsConfig()
    {
        _home.Write(".snowflake/config.toml", "default_connection_name = \"from_config\"\n");
        _home.Variables["SNOWFLAKE_DEFAULT_CONNECTION_NAME"] = "from_env";

        Assert.Equal("acct-env", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_ExplicitName_BeatsEnv()
    {
        _home.Variables["SNOWFLAKE_DEFAULT_CONNECTION_NAME"] = "from_env";

        var settings = SnowflakeConnections.Load(_home.Options("explicit"));

        Assert.Equal(("explicit", "acct-explicit"), (settings.Name, settings.Account));
    }
}
