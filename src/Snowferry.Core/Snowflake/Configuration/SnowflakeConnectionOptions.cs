using Microsoft.Extensions.Logging;

namespace Snowferry.Snowflake.Configuration;

/// <summary>Which connection <see cref="SnowflakeConnections.Load"/> resolves, and from where.</summary>
public sealed record SnowflakeConnectionOptions
{
    /// <summary>
    /// The connection to use. When null: <c>SNOWFLAKE_DEFAULT_CONNECTION_NAME</c>, else config.toml's
    /// <c>default_connection_name</c>, else <c>default</c>.
    /// </summary>
    public string? ConnectionName { get; init; }

    /// <summary>
    /// An explicit connections file, skipping discovery. Read as connections.toml (<c>[name]</c> tables) unless
    /// it is named <c>config.toml</c>, then as config.toml (<c>[connections.name]</c> tables).
    /// </summary>
    public string? ConnectionsFile { get; init; }

    /// <summary>The environment to read; <see cref="SnowflakeEnvironment.Current"/> when null. A test seam.</summary>
    internal SnowflakeEnvironment? Environment { get; init; }

    /// <summary>Where to say which file and connection were used (never a secret); nothing is logged when null.</summary>
    public ILogger? Logger { get; init; }
}
