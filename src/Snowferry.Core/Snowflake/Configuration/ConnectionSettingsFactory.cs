using System.Globalization;
using static Snowferry.Snowflake.Configuration.ConnectionValues;

namespace Snowferry.Snowflake.Configuration;

/// <summary>Turns merged connection values into checked <see cref="SnowflakeConnectionSettings"/>.</summary>
internal static class ConnectionSettingsFactory
{
    /// <summary>The connector's name for password authentication (its default authenticator).</summary>
    internal const string PasswordAuthenticator = "SNOWFLAKE";

    public static SnowflakeConnectionSettings Create(string name, ConnectionValues values, SnowflakeEnvironment environment)
    {
        var account = Required(name, values, Account, "\"myorg-myaccount\"");
        var user = Required(name, values, User, "\"MY_USER\"");
        var privateKeyFile = values.Get(PrivateKeyFile) is { } keyPath ? Path.GetFullPath(environment.ExpandHome(keyPath)) : null;
        var tokenFilePath = values.Get(TokenFilePath) is { } tokenPath ? Path.GetFullPath(environment.ExpandHome(tokenPath)) : null;

        // The connector switches to key-pair authentication when a key file is given without an authenticator.
        var authenticator = values.Get(Authenticator)?.Trim().ToUpperInvariant()
            ?? (privateKeyFile is not null ? SnowflakeAuthenticators.KeyPairJwt : PasswordAuthenticator);

        string? token = null;
        switch (authenticator)
        {
            case SnowflakeAuthenticators.KeyPairJwt:
                if (privateKeyFile is null)
                {
                    throw new SnowflakeConfigurationException(
                        $"Connection '{name}' uses key-pair authentication (SNOWFLAKE_JWT) but has no private key: add " +
                        "private_key_file = \"<path to rsa_key.p8>\" to it, or set " +
                        $"SNOWFLAKE_CONNECTIONS_{name.ToUpperInvariant()}_PRIVATE_KEY_FILE.");
                }

                if (!File.Exists(privateKeyFile))
                {
                    throw new SnowflakeConfigurationException(
                        $"The private key file {privateKeyFile} (from {values.SourceOf(PrivateKeyFile)}) does not exist.");
                }

                SecureFile.EnsurePrivate(privateKeyFile, "private key file", environment);
                break;

            case SnowflakeAuthenticators.ProgrammaticAccessToken or SnowflakeAuthenticators.OAuth:
                token = tokenFilePath is not null ? ReadTokenFile(tokenFilePath, environment) : values.Get(Token);
                if (string.IsNullOrWhiteSpace(token))
                {
                    throw new SnowflakeConfigurationException(
                        $"Connection '{name}' uses {authenticator} but has no token: add token = \"...\" or " +
                        "token_file_path = \"<file holding the token>\" to it, or set " +
                        $"SNOWFLAKE_CONNECTIONS_{name.ToUpperInvariant()}_TOKEN.");
                }

                break;

            case PasswordAuthenticator:
                throw new SnowflakeConfigurationException(
                    $"Connection '{name}' uses password authentication (authenticator SNOWFLAKE or none), which the " +
                    "Snowflake SQL API does not accept. Use key-pair authentication (authenticator = \"SNOWFLAKE_JWT\" " +
                    "with private_key_file), a programmatic access token (authenticator = \"PROGRAMMATIC_ACCESS_TOKEN\" " +
                    "with token or token_file_path) or OAuth (authenticator = \"OAUTH\" with token).");

            default:
                throw UnsupportedAuthenticator(name, authenticator);
        }

        return new SnowflakeConnectionSettings
        {
            Name = name,
            Account = account,
            User = user,
            Role = values.Get(Role),
            Warehouse = values.Get(Warehouse),
            Database = values.Get(Database),
            Schema = values.Get(Schema),
            Authenticator = authenticator,
            PrivateKeyFile = privateKeyFile,
            PrivateKeyFilePassword = values.Get(PrivateKeyFilePwd),
            Token = token,
            TokenFilePath = tokenFilePath,
            Host = values.Get(Host) ?? HostFromRegion(account, values.Get(Region)),
            Port = ParsePort(values),
            Protocol = ParseProtocol(values),
        };
    }

    internal static SnowflakeConfigurationException UnsupportedAuthenticator(string? name, string authenticator) =>
        new($"{(name is null ? "The connection" : $"Connection '{name}'")} uses authenticator '{authenticator}', which " +
            "snowferry does not support. Use SNOWFLAKE_JWT (key pair), PROGRAMMATIC_ACCESS_TOKEN or OAUTH.");

    /// <summary>Reads a token file: its whole text, trimmed, is the token.</summary>
    internal static string ReadTokenFile(string path, SnowflakeEnvironment environment)
    {
        var token = SecureFile.ReadAllText(path, "token file", environment).Trim();
        return token.Length == 0
            ? throw new SnowflakeConfigurationException($"The token file {path} is empty.")
            : token;
    }

    private static string Required(string name, ConnectionValues values, string key, string example) =>
        values.Get(key) ?? throw new SnowflakeConfigurationException(
            $"Connection '{name}' has no {key}: add {key} = {example} to it, or set " +
            $"SNOWFLAKE_CONNECTIONS_{name.ToUpperInvariant()}_{key.ToUpperInvariant()} or SNOWFLAKE_{key.ToUpperInvariant()}.");

    /// <summary>The connector's <c>construct_hostname</c>: a region is appended to the account locator.</summary>
    private static string? HostFromRegion(string account, string? region)
    {
        if (region is null || region == "us-west-2")
        {
            return null;
        }

        var dot = account.IndexOf('.', StringComparison.Ordinal);
        var locator = dot > 0 ? account[..dot] : account;
        return $"{locator}.{region}.snowflakecomputing.com";
    }

    private static int? ParsePort(ConnectionValues values)
    {
        if (values.Get(Port) is not { } text)
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new SnowflakeConfigurationException(
                $"The port '{text}' (from {values.SourceOf(Port)}) is not a port number: use a whole number from 1 to 65535.");
    }

    private static string? ParseProtocol(ConnectionValues values)
    {
        if (values.Get(Protocol) is not { } text)
        {
            return null;
        }

        var protocol = text.Trim().ToLowerInvariant();
        return protocol is "https" or "http"
            ? protocol
            : throw new SnowflakeConfigurationException(
                $"The protocol '{text}' (from {values.SourceOf(Protocol)}) is not supported: use https (or http for a local Snowflake).");
    }
}
