using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Internal;

namespace Snowferry.Snowflake.Configuration;

/// <summary>
/// Resolves a connection from connections.toml / config.toml and <c>SNOWFLAKE_*</c> environment variables, with the
/// same locations, default name and precedence as the Snowflake CLI and Python connector.
/// </summary>
public static class SnowflakeConnections
{
    /// <summary>The variable naming the default connection; it beats config.toml's <c>default_connection_name</c>.</summary>
    public const string DefaultConnectionNameVariable = "SNOWFLAKE_DEFAULT_CONNECTION_NAME";

    /// <summary>
    /// Loads one connection. The file is found in <c>$SNOWFLAKE_HOME</c> (default <c>~/.snowflake</c>) when that
    /// directory exists, else in the platform's config directory (<c>$XDG_CONFIG_HOME/snowflake</c> or
    /// <c>~/.config/snowflake</c>, <c>~/Library/Application Support/snowflake</c>, <c>%USERPROFILE%\AppData\Local\snowflake</c>).
    /// A token file is read now; a private key file is checked now and read by the token provider.
    /// </summary>
    /// <exception cref="SnowflakeConfigurationException">
    /// No file, an unsafe or invalid file, an unknown connection, a missing or invalid key, an unsupported authenticator.
    /// </exception>
    public static SnowflakeConnectionSettings Load(SnowflakeConnectionOptions? options = null)
    {
        options ??= new SnowflakeConnectionOptions();
        var environment = options.Environment ?? SnowflakeEnvironment.Current;
        var logger = options.Logger ?? NullLogger.Instance;
        if (SecureFile.SkipVariableSet(environment) is { } skipVariable)
        {
            Log.PermissionChecksRelaxed(logger, skipVariable);
        }

        var catalog = ConnectionCatalog.Load(options.ConnectionsFile, environment, logger);

        var name = NonEmpty(options.ConnectionName)
            ?? environment.Get(DefaultConnectionNameVariable)
            ?? catalog.DefaultConnectionName
            ?? "default";

        if (!catalog.Connections.TryGetValue(name, out var table))
        {
            var available = catalog.Connections.Count == 0
                ? "it defines none"
                : "available: " + string.Join(", ", catalog.Connections.Keys.Order(StringComparer.Ordinal));
            throw new SnowflakeConfigurationException(
                $"Connection '{name}' is not defined in {catalog.Source} ({available}). " +
                $"Pick one of those, or add a [{name}] table to connections.toml " +
                $"([connections.{name}] in config.toml).");
        }

        var values = ConnectionValues.Resolve(name, table, catalog.Source, environment);
        var settings = ConnectionSettingsFactory.Create(name, values, environment, logger);
        Log.ConnectionLoaded(logger, name, catalog.Source, settings.Account, settings.User, settings.Authenticator);
        return settings;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
