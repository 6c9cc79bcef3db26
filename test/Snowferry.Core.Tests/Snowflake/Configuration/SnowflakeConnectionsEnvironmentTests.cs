using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Configuration;

/// <summary>
/// The generic <c>SNOWFLAKE_&lt;KEY&gt;</c> variables follow the Snowflake CLI's documented list; keys passed as text
/// (<c>private_key_raw</c>) come from the file or either kind of variable. Every variable lives in a fake environment.
/// </summary>
public sealed class SnowflakeConnectionsEnvironmentTests : IDisposable
{
    private const string Pem = "-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";

    private readonly TempSnowflakeHome _home = new();

    public void Dispose() => _home.Dispose();

    private SnowflakeConnectionSettings LoadDev(string table)
    {
        _home.Write(".snowflake/connections.toml", "[dev]\naccount = \"a\"\nuser = \"u\"\n" + table);
        return SnowflakeConnections.Load(_home.Options("dev"));
    }

    private const string Pat = "authenticator = \"PROGRAMMATIC_ACCESS_TOKEN\"\ntoken = \"t\"\n";

    [Theory]
    [InlineData("SNOWFLAKE_HOST", "elsewhere.example")]
    [InlineData("SNOWFLAKE_PORT", "8443")]
    [InlineData("SNOWFLAKE_PROTOCOL", "http")]
    [InlineData("SNOWFLAKE_REGION", "eu-west-1")]
    public void Load_GenericVariableNotInCliList_IsIgnored(string variable, string value)
    {
        _home.Variables[variable] = value;

        var settings = LoadDev(Pat);

        Assert.Null(settings.Host);
        Assert.Null(settings.Port);
        Assert.Null(settings.Protocol);
        Assert.Equal(new Uri("https://a.snowflakecomputing.com/"), settings.BaseAddress);
    }

    [Fact]
    public void Load_GenericPrivateKeyRaw_UsesKeyPairWithTheText()
    {
        _home.Variables["SNOWFLAKE_PRIVATE_KEY_RAW"] = Pem;

        var settings = LoadDev("");

        Assert.Equal(SnowflakeAuthenticators.KeyPairJwt, settings.Authenticator);
        Assert.Null(settings.PrivateKeyFile);
        Assert.Equal(Pem, settings.PrivateKeyRaw);
    }

    [Fact]
    public void Load_PrivateKeyRawInFile_IsUsed()
    {
        var settings = LoadDev("authenticator = \"SNOWFLAKE_JWT\"\nprivate_key_raw = \"\"\"\n" + Pem + "\"\"\"\n");

        Assert.Equal(Pem, settings.PrivateKeyRaw);
    }

    [Fact]
    public void Load_ConnectionPrivateKeyRaw_ReplacesTheFilesKeyPath()
    {
        _home.Variables["SNOWFLAKE_CONNECTIONS_DEV_PRIVATE_KEY_RAW"] = Pem;

        var settings = LoadDev("authenticator = \"SNOWFLAKE_JWT\"\nprivate_key_file = \"/not/on/this/ci/runner.p8\"\n");

        Assert.Null(settings.PrivateKeyFile);
        Assert.Equal(Pem, settings.PrivateKeyRaw);
    }

    [Fact]
    public void Load_KeyFileAndRawInOneSource_FileWinsAsInTheCli()
    {
        var key = _home.Write("keys/rsa_key.p8", "key");

        var settings = LoadDev($"private_key_file = \"{key}\"\nprivate_key_raw = \"text\"\n");

        Assert.Equal(key, settings.PrivateKeyFile);
        Assert.Null(settings.PrivateKeyRaw);
    }

    [Fact]
    public void Load_JwtWithoutAnyKey_NamesTheRawKeyVariable()
    {
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => LoadDev("authenticator = \"SNOWFLAKE_JWT\"\n"));

        Assert.Contains("SNOWFLAKE_CONNECTIONS_DEV_PRIVATE_KEY_RAW", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_RawKey_IsNotShown()
    {
        _home.Variables["SNOWFLAKE_PRIVATE_KEY_RAW"] = Pem;

        var settings = LoadDev("");

        Assert.DoesNotContain("MIIEvgIBADANBgkqhkiG9w0BAQEFAASC", settings.ToString(), StringComparison.Ordinal);
    }
}
