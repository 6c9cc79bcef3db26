namespace Snowferry.Snowflake.Configuration;

/// <summary>
/// One connection's keys after every override, as the Snowflake CLI layers them:
/// <c>SNOWFLAKE_CONNECTIONS_&lt;NAME&gt;_&lt;KEY&gt;</c> (any known key) over the file over the generic
/// <c>SNOWFLAKE_&lt;KEY&gt;</c> (only the keys the CLI documents).
/// Each value remembers where it came from, so errors can say what to fix without repeating the value.
/// </summary>
internal sealed class ConnectionValues
{
    internal const string Account = "account";
    internal const string User = "user";
    internal const string Password = "password";
    internal const string Authenticator = "authenticator";
    internal const string PrivateKeyFile = "private_key_file";
    internal const string PrivateKeyPath = "private_key_path";
    internal const string PrivateKeyRaw = "private_key_raw";
    internal const string PrivateKeyFilePwd = "private_key_file_pwd";
    internal const string Token = "token";
    internal const string TokenFilePath = "token_file_path";
    internal const string Host = "host";
    internal const string Port = "port";
    internal const string Protocol = "protocol";
    internal const string Region = "region";
    internal const string Warehouse = "warehouse";
    internal const string Database = "database";
    internal const string Schema = "schema";
    internal const string Role = "role";

    /// <summary>The CLI's passphrase variable; it wins over every other source of the passphrase.</summary>
    internal const string PassphraseVariable = "PRIVATE_KEY_PASSPHRASE";

    private static readonly string[] s_keys =
    [
        Account, User, Password, Authenticator, PrivateKeyFile, PrivateKeyPath, PrivateKeyRaw, PrivateKeyFilePwd, Token,
        TokenFilePath, Host, Port, Protocol, Region, Warehouse, Database, Schema, Role,
    ];

    // The generic SNOWFLAKE_<KEY> variables the Snowflake CLI documents ("Use environment variables for Snowflake
    // credentials" in configure-connections), as far as snowferry knows the key. HOST, PORT, PROTOCOL and REGION are
    // not on that list: a SNOWFLAKE_HOST set for some other tool must not redirect a connection.
    // PRIVATE_KEY_FILE is not listed either, but the CLI's code reads it as the alias of PRIVATE_KEY_PATH, so it stays.
    private static readonly string[] s_genericKeys =
    [
        Account, User, Password, Authenticator, PrivateKeyFile, PrivateKeyPath, PrivateKeyRaw, Token, TokenFilePath,
        Warehouse, Database, Schema, Role,
    ];

    private readonly Dictionary<string, (string Value, string Source)> _values = new(StringComparer.Ordinal);

    private ConnectionValues()
    {
    }

    /// <summary>Merges the environment and the file's table for connection <paramref name="name"/>.</summary>
    public static ConnectionValues Resolve(
        string name,
        IReadOnlyDictionary<string, string> file,
        string fileSource,
        SnowflakeEnvironment environment)
    {
        var result = new ConnectionValues();
        result.AddEnvironment("SNOWFLAKE_", s_genericKeys, environment);
        result.AddLayer(s_keys, key => file.TryGetValue(key, out var v) ? (v, $"'{key}' of connection '{name}' in {fileSource}") : null);
        result.AddEnvironment($"SNOWFLAKE_CONNECTIONS_{name.ToUpperInvariant()}_", s_keys, environment);

        foreach (var variable in (string[])[PassphraseVariable, "SNOWFLAKE_" + PassphraseVariable])
        {
            if (environment.Get(variable) is { } passphrase)
            {
                result._values[PrivateKeyFilePwd] = (passphrase, variable);
                break;
            }
        }

        return result;
    }

    /// <summary>The value, or null when no source sets it (an empty value counts as unset).</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>Where the value came from, for error messages.</summary>
    public string SourceOf(string key) => _values.TryGetValue(key, out var entry) ? entry.Source : key;

    private void AddEnvironment(string prefix, string[] keys, SnowflakeEnvironment environment) =>
        AddLayer(keys, key =>
        {
            var variable = prefix + key.ToUpperInvariant();
            return environment.Get(variable) is { } value ? (value, variable) : null;
        });

    private void AddLayer(string[] keys, Func<string, (string Value, string Source)?> lookup)
    {
        var layer = new Dictionary<string, (string Value, string Source)>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (lookup(key) is { } found && found.Value.Length > 0)
            {
                layer[key] = found;
            }
        }

        // private_key_path is the CLI's name for private_key_file; the connector's name wins within one source.
        if (layer.Remove(PrivateKeyPath, out var path))
        {
            layer.TryAdd(PrivateKeyFile, path);
        }

        // A key given as a file or as text replaces both forms from the sources below (within one source the CLI
        // reads the file first), so CI can set SNOWFLAKE_CONNECTIONS_<NAME>_PRIVATE_KEY_RAW over a file's key path.
        if (layer.ContainsKey(PrivateKeyFile) || layer.ContainsKey(PrivateKeyRaw))
        {
            _values.Remove(PrivateKeyFile);
            _values.Remove(PrivateKeyRaw);
        }

        foreach (var (key, entry) in layer)
        {
            _values[key] = entry;
        }
    }
}
