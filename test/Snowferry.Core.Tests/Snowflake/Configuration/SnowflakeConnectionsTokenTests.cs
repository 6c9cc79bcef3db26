using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Configuration;

/// <summary>Where a PAT or OAuth connection's token comes from: token_file_path, token, then (PAT only) password.</summary>
public sealed class SnowflakeConnectionsTokenTests : IDisposable
{
    private const string Secret = "pat-in-password-9d1e";

    private readonly TempSnowflakeHome _home = new();

    public void Dispose() => _home.Dispose();

    private SnowflakeConnectionSettings LoadDev(string table)
    {
        _home.Write(".snowflake/connections.toml", "[dev]\naccount = \"a\"\nuser = \"u\"\n" + table);
        return SnowflakeConnections.Load(_home.Options("dev"));
    }

    [Fact]
    public void Load_PatKeptAsPassword_IsTheToken()
    {
        var settings = LoadDev($"authenticator = \"programmatic_access_token\"\npassword = \"{Secret}\"\n");

        Assert.Equal((SnowflakeAuthenticators.ProgrammaticAccessToken, Secret), (settings.Authenticator, settings.Token));
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PatInPasswordVariable_IsTheToken()
    {
        _home.Variables["SNOWFLAKE_PASSWORD"] = Secret;

        var settings = LoadDev("authenticator = \"PROGRAMMATIC_ACCESS_TOKEN\"\n");

        Assert.Equal(Secret, settings.Token);
    }

    [Theory]
    [InlineData(true, true, "from-file")]
    [InlineData(false, true, "from-token")]
    [InlineData(false, false, Secret)]
    public void Load_PatSources_TokenFileBeatsTokenBeatsPassword(bool tokenFile, bool token, string expected)
    {
        var path = _home.Write("tokens/pat.txt", "from-file\n");
        var settings = LoadDev($"authenticator = \"PROGRAMMATIC_ACCESS_TOKEN\"\npassword = \"{Secret}\"\n" +
            (tokenFile ? $"token_file_path = \"{path}\"\n" : "") + (token ? "token = \"from-token\"\n" : ""));

        Assert.Equal(expected, settings.Token);
    }

    [Fact]
    public void Load_OAuthWithPasswordOnly_RefusesWithoutShowingIt()
    {
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => LoadDev($"authenticator = \"OAUTH\"\npassword = \"{Secret}\"\n"));

        Assert.Contains("has no token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PasswordWithoutAuthenticator_SaysHowToUseItAsPat()
    {
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => LoadDev($"password = \"{Secret}\"\n"));

        Assert.Contains("if the password is a programmatic access token, setting the authenticator is enough", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }
}
