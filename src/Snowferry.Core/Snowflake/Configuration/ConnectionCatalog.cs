using System.Globalization;
using Microsoft.Extensions.Logging;
using Snowferry.Internal;
using Tomlyn;
using Tomlyn.Model;

namespace Snowferry.Snowflake.Configuration;

/// <summary>The connections found on disk, the default name config.toml gives, and where they came from.</summary>
internal sealed class ConnectionCatalog
{
    internal const string ConnectionsFileName = "connections.toml";
    internal const string ConfigFileName = "config.toml";

    private ConnectionCatalog(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> connections,
        string? defaultConnectionName,
        string source)
    {
        Connections = connections;
        DefaultConnectionName = defaultConnectionName;
        Source = source;
    }

    /// <summary>Connection name → its keys (lower case) and values as text.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Connections { get; }

    /// <summary>config.toml's <c>default_connection_name</c>, if any.</summary>
    public string? DefaultConnectionName { get; }

    /// <summary>The file the connections were read from.</summary>
    public string Source { get; }

    /// <summary>Reads the explicit file, or discovers connections.toml / config.toml.</summary>
    public static ConnectionCatalog Load(string? explicitFile, SnowflakeEnvironment environment, ILogger logger)
    {
        if (explicitFile is not null)
        {
            var path = Path.GetFullPath(environment.ExpandHome(explicitFile));
            if (!File.Exists(path))
            {
                throw new SnowflakeConfigurationException($"The connections file {path} does not exist.");
            }

            var table = Parse(path, environment, logger);
            return string.Equals(Path.GetFileName(path), ConfigFileName, StringComparison.OrdinalIgnoreCase)
                ? new ConnectionCatalog(ConnectionTables(table, "connections"), DefaultName(table), path)
                : new ConnectionCatalog(ConnectionTables(table, null), DefaultName(table), path);
        }

        var (directory, missingHome) = ConfigDirectory.Resolve(environment);
        var connectionsPath = Path.Combine(directory, ConnectionsFileName);
        var configPath = Path.Combine(directory, ConfigFileName);
        var hasConnections = File.Exists(connectionsPath);
        var hasConfig = File.Exists(configPath);
        if (!hasConnections && !hasConfig)
        {
            throw new SnowflakeConfigurationException(NoFileMessage(connectionsPath, configPath, missingHome, environment));
        }

        if (missingHome is not null)
        {
            Log.SnowflakeHomeMissing(logger, missingHome, directory);
        }

        var config = hasConfig ? Parse(configPath, environment, logger) : null;
        var defaultName = config is null ? null : DefaultName(config);

        // As in the connector and the CLI, an existing connections.toml replaces config.toml's [connections].
        return hasConnections
            ? new ConnectionCatalog(ConnectionTables(Parse(connectionsPath, environment, logger), null), defaultName, connectionsPath)
            : new ConnectionCatalog(ConnectionTables(config!, "connections"), defaultName, configPath);
    }

    private static TomlTable Parse(string path, SnowflakeEnvironment environment, ILogger logger)
    {
        var text = SecureFile.ReadAllText(path, "Snowflake configuration file", environment, logger);
        try
        {
            return TomlSerializer.Deserialize<TomlTable>(text) ?? [];
        }
        catch (TomlException ex)
        {
            // Tomlyn's own message may quote the offending text, which can be a secret: give the position only.
            var where = ex.Line is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line}, column {ex.Column ?? 0}")
                : "";
            throw new SnowflakeConfigurationException(
                $"{path} is not valid TOML{where}. Check the quotes and brackets there: " +
                "each connection is a [name] table of key = \"value\" lines.",
                innerException: null);
        }
    }

    private static string? DefaultName(TomlTable table) =>
        table.TryGetValue("default_connection_name", out var value) && value is string name && name.Length > 0
            ? name
            : null;

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ConnectionTables(TomlTable root, string? parent)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        TomlTable? container = root;
        if (parent is not null)
        {
            container = root.TryGetValue(parent, out var value) ? value as TomlTable : null;
        }

        if (container is null)
        {
            return result;
        }

        foreach (var (name, value) in container)
        {
            if (value is TomlTable connection)
            {
                result[name] = Scalars(connection);
            }
        }

        return result;
    }

    private static Dictionary<string, string> Scalars(TomlTable connection)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in connection)
        {
            var text = value switch
            {
                string s => s,
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => null,
            };
            if (text is not null)
            {
                values[key.ToLowerInvariant()] = text;
            }
        }

        return values;
    }

    private static string NoFileMessage(string connectionsPath, string configPath, string? missingHome, SnowflakeEnvironment environment)
    {
        var looked = missingHome is null
            ? $"{connectionsPath} and {configPath}"
            : $"{missingHome} (does not exist), then {connectionsPath} and {configPath}";
        var suggested = Path.Combine(environment.HomeDirectory, ".snowflake", ConnectionsFileName);
        return $"No Snowflake connections file found: looked in {looked}. " +
            $"Create {suggested} (or set {ConfigDirectory.SnowflakeHomeVariable} to its directory) with a connection such as" +
            Environment.NewLine +
            "[default]" + Environment.NewLine +
            "account = \"myorg-myaccount\"" + Environment.NewLine +
            "user = \"MY_USER\"" + Environment.NewLine +
            "authenticator = \"SNOWFLAKE_JWT\"" + Environment.NewLine +
            "private_key_file = \"~/.snowflake/rsa_key.p8\"" + Environment.NewLine +
            $"then run `chmod 0600 {suggested}`.";
    }
}
