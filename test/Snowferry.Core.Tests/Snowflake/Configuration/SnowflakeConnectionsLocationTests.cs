using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Configuration;

public sealed class SnowflakeConnectionsLocationTests : IDisposable
{
    private readonly TempSnowflakeHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Load_SnowflakeHomeExists_ReadsItsConnectionsToml()
    {
        var custom = Path.Combine(_home.Home, "custom");
        _home.Write("custom/connections.toml", TempSnowflakeHome.PatConnection("default", "from-custom"));
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-dot-snowflake"));
        _home.Variables["SNOWFLAKE_HOME"] = custom;

        Assert.Equal("from-custom", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_SnowflakeHomeWithTilde_ExpandsHome()
    {
        _home.Write("sf/connections.toml", TempSnowflakeHome.PatConnection("default", "from-tilde"));
        _home.Variables["SNOWFLAKE_HOME"] = "~/sf";

        Assert.Equal("from-tilde", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_SnowflakeHomeMissing_FallsBackToPlatformDirectoryNotDotSnowflake()
    {
        // The connector's rule: a set SNOWFLAKE_HOME replaces ~/.snowflake as the candidate; if missing, platformdirs.
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-dot-snowflake"));
        _home.Write(".config/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-xdg"));
        _home.Variables["SNOWFLAKE_HOME"] = Path.Combine(_home.Home, "missing");

        Assert.Equal("from-xdg", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_DotSnowflakeExists_ReadsItBeforePlatformDirectory()
    {
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-dot-snowflake"));
        _home.Write(".config/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-xdg"));

        Assert.Equal("from-dot-snowflake", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_DotSnowflakeExistsButEmpty_DoesNotFallBack()
    {
        Directory.CreateDirectory(Path.Combine(_home.Home, ".snowflake"));
        _home.Write(".config/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-xdg"));

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options()));
        Assert.Contains(Path.Combine(_home.Home, ".snowflake", "connections.toml"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LinuxWithXdgConfigHome_ReadsIt()
    {
        _home.Write("xdg/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-xdg-home"));
        _home.Write(".config/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-dot-config"));
        _home.Variables["XDG_CONFIG_HOME"] = Path.Combine(_home.Home, "xdg");

        Assert.Equal("from-xdg-home", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_LinuxWithoutXdgConfigHome_ReadsDotConfig()
    {
        _home.Write(".config/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-dot-config"));

        Assert.Equal("from-dot-config", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_MacOS_ReadsApplicationSupport()
    {
        _home.Write("Library/Application Support/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-mac"));
        _home.Write(".config/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-dot-config"));

        Assert.Equal("from-mac", SnowflakeConnections.Load(_home.Options(isMacOS: true)).Account);
    }

    [Fact]
    public void Load_Windows_ReadsAppDataLocal()
    {
        _home.Write("AppData/Local/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-windows"));

        Assert.Equal("from-windows", SnowflakeConnections.Load(_home.Options(isWindows: true)).Account);
    }

    [Fact]
    public void Load_ExplicitFile_SkipsDiscovery()
    {
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-dot-snowflake"));
        var path = _home.Write("elsewhere/my.toml", TempSnowflakeHome.PatConnection("default", "from-explicit"));

        Assert.Equal("from-explicit", SnowflakeConnections.Load(_home.Options(file: path)).Account);
    }

    [Fact]
    public void Load_ExplicitConfigToml_ReadsConnectionsTablesAndDefaultName()
    {
        var path = _home.Write("elsewhere/config.toml", """
            default_connection_name = "prod"
            [connections.prod]
            account = "from-config"
            user = "me"
            authenticator = "OAUTH"
            token = "t"
            """);

        var settings = SnowflakeConnections.Load(_home.Options(file: path));

        Assert.Equal(("prod", "from-config"), (settings.Name, settings.Account));
    }

    [Fact]
    public void Load_ExplicitFileMissing_Throws()
    {
        var ex = Assert.Throws<SnowflakeConfigurationException>(
            () => SnowflakeConnections.Load(_home.Options(file: Path.Combine(_home.Home, "nope.toml"))));
        Assert.Contains("nope.toml does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfigTomlOnly_ReadsConnectionsTables()
    {
        _home.Write(".snowflake/config.toml", """
            [connections.default]
            account = "from-config"
            user = "me"
            authenticator = "OAUTH"
            token = "t"
            """);

        Assert.Equal("from-config", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_BothFiles_ConnectionsTomlReplacesConfigConnections()
    {
        _home.Write(".snowflake/config.toml", """
            [connections.other]
            account = "from-config"
            user = "me"
            """);
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default", "from-connections"));

        Assert.Equal("from-connections", SnowflakeConnections.Load(_home.Options()).Account);
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options("other")));
        Assert.Contains("available: default)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BothFiles_DefaultNameStillComesFromConfigToml()
    {
        _home.Write(".snowflake/config.toml", "default_connection_name = \"dev\"\n");
        _home.Write(".snowflake/connections.toml",
            TempSnowflakeHome.PatConnection("default", "acct-default") + TempSnowflakeHome.PatConnection("dev", "acct-dev"));

        var settings = SnowflakeConnections.Load(_home.Options());

        Assert.Equal(("dev", "acct-dev"), (settings.Name, settings.Account));
    }
}
