using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Configuration;

public sealed class SnowflakeConnectionsOverrideTests : IDisposable
{
    private readonly TempSnowflakeHome _home = new();

    public void Dispose() => _home.Dispose();

    private SnowflakeConnectionSettings LoadDev(string table)
    {
        _home.Write(".snowflake/connections.toml", "[dev]\n" + table);
        return SnowflakeConnections.Load(_home.Options("dev"));
    }

    private const string Pat = "authenticator = \"PROGRAMMATIC_ACCESS_TOKEN\"\ntoken = \"t\"\n";

    [Theory]
    [InlineData(true, true, "CONN")]
    [InlineData(false, true, "FILE")]
    [InlineData(false, false, "GENERIC")]
    public void Load_Role_ConnectionEnvBeatsFileBeatsGenericEnv(bool connectionEnv, bool inFile, string expected)
    {
        _home.Variables["SNOWFLAKE_ROLE"] = "GENERIC";
        if (connectionEnv)
        {
            _home.Variables["SNOWFLAKE_CONNECTIONS_DEV_ROLE"] = "CONN";
        }

        var settings = LoadDev("account = \"a\"\nuser = \"u\"\n" + Pat + (inFile ? "role = \"FILE\"\n" : ""));

        Assert.Equal(expected, settings.Role);
    }

    [Theory]
    [InlineData("ACCOUNT", "acct-env")]
    [InlineData("USER", "user-env")]
    [InlineData("ROLE", "role-env")]
    [InlineData("WAREHOUSE", "wh-env")]
    [InlineData("DATABASE", "db-env")]
    [InlineData("SCHEMA", "schema-env")]
    [InlineData("HOST", "host-env")]
    [InlineData("PORT", "8443")]
    [InlineData("PROTOCOL", "http")]
    public void Load_ConnectionEnvVariable_OverridesEachKey(string key, string value)
    {
        _home.Variables[$"SNOWFLAKE_CONNECTIONS_DEV_{key}"] = value;

        var settings = LoadDev("""
            account = "a"
            user = "u"
            role = "r"
            warehouse = "w"
            database = "d"
            schema = "s"
            host = "h"
            port = 443
            protocol = "https"

            """ + Pat);

        var actual = key switch
        {
            "ACCOUNT" => settings.Account,
            "USER" => settings.User,
            "ROLE" => settings.Role,
            "WAREHOUSE" => settings.Warehouse,
            "DATABASE" => settings.Database,
            "SCHEMA" => settings.Schema,
            "HOST" => settings.Host,
            "PORT" => settings.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => settings.Protocol,
        };
        Assert.Equal(value, actual);
    }

    [Fact]
    public void Load_OnlyGenericEnvironment_FillsMissingKeys()
    {
        _home.Variables["SNOWFLAKE_ACCOUNT"] = "env-account";
        _home.Variables["SNOWFLAKE_USER"] = "env-user";
        _home.Variables["SNOWFLAKE_AUTHENTICATOR"] = "oauth";
        _home.Variables["SNOWFLAKE_TOKEN"] = "env-token";
        _home.Variables["SNOWFLAKE_WAREHOUSE"] = "env-wh";

        var settings = LoadDev("");

        Assert.Equal(("env-account", "env-user", "OAUTH", "env-token", "env-wh"),
            (settings.Account, settings.User, settings.Authenticator, settings.Token, settings.Warehouse));
    }

    [Fact]
    public void Load_AuthenticatorAnyCase_IsUpperCased()
    {
        var settings = LoadDev("account = \"a\"\nuser = \"u\"\nauthenticator = \"Programmatic_Access_Token\"\ntoken = \"t\"\n");

        Assert.Equal(SnowflakeAuthenticators.ProgrammaticAccessToken, settings.Authenticator);
    }

    [Fact]
    public void Load_PrivateKeyFileWithoutAuthenticator_UsesKeyPairJwt()
    {
        var key = _home.Write(".snowflake/rsa_key.p8", "key");

        var settings = LoadDev($"account = \"a\"\nuser = \"u\"\nprivate_key_file = \"{key}\"\n");

        Assert.Equal((SnowflakeAuthenticators.KeyPairJwt, key), (settings.Authenticator, settings.PrivateKeyFile));
    }

    [Fact]
    public void Load_PrivateKeyPathAlias_SetsPrivateKeyFileWithTildeExpanded()
    {
        _home.Write(".snowflake/rsa_key.p8", "key");

        var settings = LoadDev("account = \"a\"\nuser = \"u\"\nauthenticator = \"SNOWFLAKE_JWT\"\nprivate_key_path = \"~/.snowflake/rsa_key.p8\"\n");

        Assert.Equal(Path.Combine(_home.Home, ".snowflake", "rsa_key.p8"), settings.PrivateKeyFile);
    }

    [Theory]
    [InlineData("SNOWFLAKE_PRIVATE_KEY_FILE")]
    [InlineData("SNOWFLAKE_PRIVATE_KEY_PATH")]
    [InlineData("SNOWFLAKE_CONNECTIONS_DEV_PRIVATE_KEY_PATH")]
    public void Load_PrivateKeyFromEnvironment_IsUsed(string variable)
    {
        _home.Variables[variable] = _home.Write("keys/env.p8", "key");

        var settings = LoadDev("account = \"a\"\nuser = \"u\"\n");

        Assert.Equal(Path.Combine(_home.Home, "keys", "env.p8"), settings.PrivateKeyFile);
    }

    [Theory]
    [InlineData(null, null, "file-pwd")]
    [InlineData("SNOWFLAKE_CONNECTIONS_DEV_PRIVATE_KEY_FILE_PWD", null, "conn-pwd")]
    [InlineData("SNOWFLAKE_CONNECTIONS_DEV_PRIVATE_KEY_FILE_PWD", "PRIVATE_KEY_PASSPHRASE", "passphrase-var")]
    [InlineData(null, "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", "passphrase-var")]
    public void Load_Passphrase_PassphraseVariableWins(string? connectionVariable, string? passphraseVariable, string expected)
    {
        var key = _home.Write(".snowflake/rsa_key.p8", "key");
        _home.Variables["SNOWFLAKE_PRIVATE_KEY_FILE_PWD"] = "generic-pwd";
        if (connectionVariable is not null)
        {
            _home.Variables[connectionVariable] = "conn-pwd";
        }

        if (passphraseVariable is not null)
        {
            _home.Variables[passphraseVariable] = "passphrase-var";
        }

        var settings = LoadDev($"account = \"a\"\nuser = \"u\"\nprivate_key_file = \"{key}\"\nprivate_key_file_pwd = \"file-pwd\"\n");

        Assert.Equal(expected, settings.PrivateKeyFilePassword);
    }

    [Fact]
    public void Load_TokenFilePath_ReadsTrimmedTokenAtLoad()
    {
        var tokenFile = _home.Write("tokens/pat.txt", "  the-token\n");

        var settings = LoadDev($"account = \"a\"\nuser = \"u\"\nauthenticator = \"PROGRAMMATIC_ACCESS_TOKEN\"\ntoken_file_path = \"{tokenFile}\"\n");

        Assert.Equal(("the-token", tokenFile), (settings.Token, settings.TokenFilePath));
    }

    [Theory]
    [InlineData("xy12345", "us-east-2.aws", null, "xy12345.us-east-2.aws.snowflakecomputing.com")]
    [InlineData("xy12345.old-region", "eu-west-1", null, "xy12345.eu-west-1.snowflakecomputing.com")]
    [InlineData("xy12345", "us-west-2", null, null)]
    [InlineData("xy12345", "eu-west-1", "explicit.example", "explicit.example")]
    [InlineData("xy12345", "cn-northwest-1", null, "xy12345.cn-northwest-1.snowflakecomputing.cn")]
    [InlineData("xy12345.cn-northwest-1.aws", "cn-northwest-1.aws", null, "xy12345.cn-northwest-1.aws.snowflakecomputing.cn")]
    [InlineData("xy12345", "CN-North-1", null, "xy12345.CN-North-1.snowflakecomputing.cn")]
    public void Load_Region_BuildsHostLikeTheConnector(string account, string region, string? host, string? expected)
    {
        var settings = LoadDev($"account = \"{account}\"\nuser = \"u\"\nregion = \"{region}\"\n" +
            (host is null ? "" : $"host = \"{host}\"\n") + Pat);

        Assert.Equal(expected, settings.Host);
    }

    [Theory]
    [InlineData("xy12345.cn-northwest-1.aws", "https://xy12345.cn-northwest-1.aws.snowflakecomputing.cn/")]
    [InlineData("XY12345.CN-NORTHWEST-1.AWS", "https://xy12345.cn-northwest-1.aws.snowflakecomputing.cn/")]
    [InlineData("xy12345.us-east-2.aws", "https://xy12345.us-east-2.aws.snowflakecomputing.com/")]
    [InlineData("myorg-cn-account", "https://myorg-cn-account.snowflakecomputing.com/")]
    [InlineData("xy12345", "https://xy12345.snowflakecomputing.com/")]
    public void Load_AccountWithoutRegion_ChinaLocatorGetsCnDomain(string account, string expected)
    {
        var settings = LoadDev($"account = \"{account}\"\nuser = \"u\"\n" + Pat);

        Assert.Equal(new Uri(expected), settings.BaseAddress);
    }

    [Fact]
    public void Load_PortAsStringOrInteger_IsParsed()
    {
        Assert.Equal(8080, LoadDev("account = \"a\"\nuser = \"u\"\nport = 8080\n" + Pat).Port);
        Assert.Equal(8081, LoadDev("account = \"a\"\nuser = \"u\"\nport = \"8081\"\n" + Pat).Port);
    }

    [Fact]
    public void Load_LocalConnection_BuildsHttpBaseAddress()
    {
        var settings = LoadDev("account = \"local\"\nuser = \"u\"\nhost = \"127.0.0.1\"\nport = 5050\nprotocol = \"HTTP\"\n" + Pat);

        Assert.Equal(new Uri("http://127.0.0.1:5050/"), settings.BaseAddress);
    }
}
