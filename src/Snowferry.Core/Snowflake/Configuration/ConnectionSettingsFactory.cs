using System.Globalization;
using Microsoft.Extensions.Logging;
using static Snowferry.Snowflake.Configuration.ConnectionValues;

namespace Snowferry.Snowflake.Configuration;

/// <summary>Turns merged connection values into checked <see cref="SnowflakeConnectionSettings"/>.</summary>
internal static class ConnectionSettingsFactory
{
    /// <summary>The connector's name for password authentication (its default authenticator).</summary>
    internal const string PasswordAuthenticator = "SNOWFLAKE";

    public static SnowflakeConnectionSettings Create(
        string name, ConnectionValues values, SnowflakeEnvironment environment, ILogger logger)
    {
        var account = Required(name, values, Account, "\"myorg-myaccount\"");
        var user = Required(name, values, User, "\"MY_USER\"");
        var privateKeyFile = values.Get(PrivateKeyFile) is { } keyPath ? Path.GetFullPath(environment.ExpandHome(keyPath)) : null;
        var privateKeyRaw = privateKeyFile is null ? values.Get(PrivateKeyRaw) : null;
        var tokenFilePath = values.Get(TokenFilePath) is { } tokenPath ? Path.GetFullPath(environment.ExpandHome(tokenPath)) : null;

        // The connector switches to key-pair authentication when a key is given without an authenticator.
        var authenticator = values.Get(Authenticator)?.Trim().ToUpperInvariant()
            ?? (privateKeyFile is not null || privateKeyRaw is not null ? SnowflakeAuthenticators.KeyPairJwt : PasswordAuthenticator);

        string? token = null;
        switch (authenticator)
        {
            case SnowflakeAuthenticators.KeyPairJwt:
                CheckPrivateKey(name, values, privateKeyFile, privateKeyRaw, environment, logger);
                break;

            case SnowflakeAuthenticators.ProgrammaticAccessToken or SnowflakeAuthenticators.OAuth:
                token = ResolveToken(authenticator, values, tokenFilePath, environment, logger);
                if (string.IsNullOrWhiteSpace(token))
                {
                    var password = authenticator == SnowflakeAuthenticators.ProgrammaticAccessToken ? ", password = \"<the token>\"" : "";
                    throw new SnowflakeConfigurationException(
                        $"Connection '{name}' uses {authenticator} but has no token: add token = \"...\"{password} or " +
                        "token_file_path = \"<file holding the token>\" to it, or set " +
                        $"SNOWFLAKE_CONNECTIONS_{name.ToUpperInvariant()}_TOKEN.");
                }

                break;

            case PasswordAuthenticator:
                throw new SnowflakeConfigurationException(
                    $"Connection '{name}' uses password authentication (authenticator SNOWFLAKE or none), which the " +
                    "Snowflake SQL API does not accept. Use key-pair authentication (authenticator = \"SNOWFLAKE_JWT\" " +
                    "with private_key_file), a programmatic access token (authenticator = \"PROGRAMMATIC_ACCESS_TOKEN\" " +
                    "with token or token_file_path; if the password is a programmatic access token, setting the " +
                    "authenticator is enough) or OAuth (authenticator = \"OAUTH\" with token).");

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
            PrivateKeyRaw = privateKeyRaw,
            PrivateKeyFilePassword = values.Get(PrivateKeyFilePwd),
            Token = token,
            TokenFilePath = tokenFilePath,
            Host = values.Get(Host) ?? HostFromRegion(account, values.Get(Region)),
            Port = ParsePort(values),
            Protocol = ParseProtocol(values),
        };
    }

    private static void CheckPrivateKey(
        string name, ConnectionValues values, string? privateKeyFile, string? privateKeyRaw, SnowflakeEnvironment environment, ILogger logger)
    {
        if (privateKeyFile is null)
        {
            if (string.IsNullOrWhiteSpace(privateKeyRaw))
            {
                throw new SnowflakeConfigurationException(
                    $"Connection '{name}' uses key-pair authentication (SNOWFLAKE_JWT) but has no private key: add " +
                    "private_key_file = \"<path to rsa_key.p8>\" to it, or set " +
                    $"SNOWFLAKE_CONNECTIONS_{name.ToUpperInvariant()}_PRIVATE_KEY_FILE, or " +
                    $"SNOWFLAKE_CONNECTIONS_{name.ToUpperInvariant()}_PRIVATE_KEY_RAW to the key's PEM text.");
            }

            // Text is read by the token provider; there is no file to check.
            return;
        }

        if (!File.Exists(privateKeyFile))
        {
            throw new SnowflakeConfigurationException(
                $"The private key file {privateKeyFile} (from {values.SourceOf(PrivateKeyFile)}) does not exist.");
        }

        SecureFile.EnsurePrivate(privateKeyFile, "private key file", environment, logger);
    }

    /// <summary>
    /// The token of a PAT or OAuth connection. As the Python connector documents, token_file_path beats token. A PAT
    /// may also sit in password, where the Snowflake CLI and connectors keep it for authenticator SNOWFLAKE (Snowflake
    /// accepts a PAT in place of a password); it is used only when neither token source is set, and never for OAuth.
    /// </summary>
    private static string? ResolveToken(
        string authenticator, ConnectionValues values, string? tokenFilePath, SnowflakeEnvironment environment, ILogger logger)
    {
        if (tokenFilePath is not null)
        {
            return ReadTokenFile(tokenFilePath, environment, logger);
        }

        return values.Get(Token)
            ?? (authenticator == SnowflakeAuthenticators.ProgrammaticAccessToken ? values.Get(Password)?.Trim() : null);
    }

    internal static SnowflakeConfigurationException UnsupportedAuthenticator(string? name, string authenticator) =>
        new($"{(name is null ? "The connection" : $"Connection '{name}'")} uses authenticator '{authenticator}', which " +
            "snowferry does not support. Use SNOWFLAKE_JWT (key pair), PROGRAMMATIC_ACCESS_TOKEN or OAUTH.");

    /// <summary>Reads a token file: its whole text, trimmed, is the token.</summary>
    internal static string ReadTokenFile(string path, SnowflakeEnvironment environment, ILogger logger)
    {
        var token = SecureFile.ReadAllText(path, "token file", environment, logger).Trim();
        return token.Length == 0
            ? throw new SnowflakeConfigurationException($"The token file {path} is empty.")
            : token;
    }

    private static string Required(string name, ConnectionValues values, string key, string example) =>
        values.Get(key) ?? throw new SnowflakeConfigurationException(
            $"Connection '{name}' has no {key}: add {key} = {example} to it, or set " +
            $"SNOWFLAKE_CONNECTIONS_{name.ToUpperInvariant()}_{key.ToUpperInvariant()} or SNOWFLAKE_{key.ToUpperInvariant()}.");

    /// <summary>
    /// The host a region calls for (<see cref="SnowflakeConnectionSettings.DefaultHost"/>); null without one or for the
    /// default us-west-2, where <see cref="SnowflakeConnectionSettings.BaseAddress"/> builds it from the account alone.
    /// </summary>
    private static string? HostFromRegion(string account, string? region) =>
        region is null || string.Equals(region, "us-west-2", StringComparison.OrdinalIgnoreCase)
            ? null
            : SnowflakeConnectionSettings.DefaultHost(account, region);

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
