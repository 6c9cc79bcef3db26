using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Configuration;

public sealed class SnowflakeConnectionsErrorTests : IDisposable
{
    private const string Secret = "s3cr3t-value-xyz";

    private readonly TempSnowflakeHome _home = new();

    public void Dispose() => _home.Dispose();

    private SnowflakeConfigurationException LoadFails(string toml, string? name = null)
    {
        _home.Write(".snowflake/connections.toml", toml);
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options(name)));
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void Load_NoFile_ListsPlacesAndHowToCreateOne()
    {
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options()));

        Assert.Contains(Path.Combine(_home.Home, ".snowflake") + " (does not exist)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_home.Home, ".config", "snowflake", "connections.toml"), ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_home.Home, ".config", "snowflake", "config.toml"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("[default]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 0600", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownConnection_ListsAvailableNames()
    {
        var ex = LoadFails(TempSnowflakeHome.PatConnection("prod") + TempSnowflakeHome.PatConnection("dev"), "stage");

        Assert.Contains("Connection 'stage' is not defined", ex.Message, StringComparison.Ordinal);
        Assert.Contains("available: dev, prod", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("account", "user = \"u\"")]
    [InlineData("user", "account = \"a\"")]
    public void Load_MissingRequiredKey_SaysWhichAndHow(string missing, string present)
    {
        var ex = LoadFails($"[default]\n{present}\ntoken = \"{Secret}\"\nauthenticator = \"OAUTH\"\n");

        Assert.Contains($"has no {missing}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"SNOWFLAKE_{missing.ToUpperInvariant()}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadToml_GivesLineAndColumnWithoutTheSecret()
    {
        var ex = LoadFails($"[default]\naccount = \"a\"\ntoken = {Secret}\n");

        Assert.Contains("is not valid TOML at line 3", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("-1")]
    public void Load_BadPort_Refuses(string port)
    {
        var ex = LoadFails($"[default]\naccount = \"a\"\nuser = \"u\"\nport = {port}\nauthenticator = \"OAUTH\"\ntoken = \"{Secret}\"\n");

        Assert.Contains("is not a port number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadProtocol_Refuses()
    {
        var ex = LoadFails($"[default]\naccount = \"a\"\nuser = \"u\"\nprotocol = \"ftp\"\nauthenticator = \"OAUTH\"\ntoken = \"{Secret}\"\n");

        Assert.Contains("protocol 'ftp'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("authenticator = \"snowflake\"\n")]
    public void Load_PasswordAuthentication_RefusesWithAlternatives(string authenticator)
    {
        var ex = LoadFails($"[default]\naccount = \"a\"\nuser = \"u\"\npassword = \"{Secret}\"\n{authenticator}");

        Assert.Contains("password authentication", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SNOWFLAKE_JWT", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PROGRAMMATIC_ACCESS_TOKEN", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OAUTH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnsupportedAuthenticator_Refuses()
    {
        var ex = LoadFails("[default]\naccount = \"a\"\nuser = \"u\"\nauthenticator = \"externalbrowser\"\n");

        Assert.Contains("'EXTERNALBROWSER'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_JwtWithoutKey_Refuses()
    {
        var ex = LoadFails("[default]\naccount = \"a\"\nuser = \"u\"\nauthenticator = \"SNOWFLAKE_JWT\"\n");

        Assert.Contains("has no private key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_JwtKeyFileMissing_Refuses()
    {
        var ex = LoadFails("[default]\naccount = \"a\"\nuser = \"u\"\nprivate_key_file = \"/nonexistent/k.p8\"\n");

        Assert.Contains("/nonexistent/k.p8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PROGRAMMATIC_ACCESS_TOKEN")]
    [InlineData("OAUTH")]
    public void Load_TokenAuthenticatorWithoutToken_Refuses(string authenticator)
    {
        var ex = LoadFails($"[default]\naccount = \"a\"\nuser = \"u\"\nauthenticator = \"{authenticator}\"\n");

        Assert.Contains("has no token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_LoadedSettings_ShowsNoSecret()
    {
        var key = _home.Write(".snowflake/rsa_key.p8", "key");
        _home.Write(".snowflake/connections.toml",
            $"[default]\naccount = \"a\"\nuser = \"u\"\nprivate_key_file = \"{key}\"\nprivate_key_file_pwd = \"{Secret}\"\n" +
            $"[pat]\naccount = \"a\"\nuser = \"u\"\nauthenticator = \"PROGRAMMATIC_ACCESS_TOKEN\"\ntoken = \"{Secret}\"\n");

        var jwt = SnowflakeConnections.Load(_home.Options());
        var pat = SnowflakeConnections.Load(_home.Options("pat"));

        Assert.Equal(Secret, jwt.PrivateKeyFilePassword);
        Assert.Equal(Secret, pat.Token);
        Assert.DoesNotContain(Secret, jwt.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, pat.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithLogger_LogsSourceAndSkippedChecksButNoSecret()
    {
        var logger = new ListLogger();
        var path = _home.Write(".snowflake/connections.toml",
            $"[default]\naccount = \"acct\"\nuser = \"u\"\nauthenticator = \"OAUTH\"\ntoken = \"{Secret}\"\n");
        _home.Variables["SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION"] = "true";

        SnowflakeConnections.Load(_home.Options() with { Logger = logger });

        Assert.Equal([1002, 1001], logger.Entries.Select(e => e.Id.Id));
        Assert.Contains($"'default' from {path}", logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logger.AllText, StringComparison.Ordinal);
    }
}
