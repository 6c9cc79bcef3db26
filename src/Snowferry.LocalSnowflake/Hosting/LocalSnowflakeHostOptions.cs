using Microsoft.Extensions.Logging;
using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Hosting;

/// <summary>How to start a <see cref="LocalSnowflakeHost"/>.</summary>
public sealed record LocalSnowflakeHostOptions
{
    /// <summary>Fraction of MOVIE_RATINGS_27M's full size, in (0, 1].</summary>
    public double Scale { get; init; } = 0.01;

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>A DuckDB file that keeps the tables between runs; in memory when null.</summary>
    public string? DataFile { get; init; }

    /// <summary>Where to write connections.toml (the key file goes beside it); a fresh temp folder when null.</summary>
    public string? ConnectionsFile { get; init; }

    /// <summary>The connection's name in connections.toml.</summary>
    public string ConnectionName { get; init; } = "local";

    /// <summary>The user the key pair is registered for.</summary>
    public string User { get; init; } = "SNOWFERRY";

    /// <summary>
    /// The warehouses the local Snowflake knows, exactly as SHOW WAREHOUSES would list them (case-sensitive);
    /// connections.toml names the first.
    /// </summary>
    public IReadOnlyList<string> Warehouses { get; init; } = [LocalEngineOptions.DefaultWarehouse];

    /// <summary>The roles the local Snowflake knows, exactly as SHOW ROLES would list them; connections.toml names the first.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [LocalEngineOptions.DefaultRole];

    /// <summary>Rows per result partition.</summary>
    public int PartitionRowCount { get; init; } = 10_000;

    /// <summary>How long a POST waits before answering 202.</summary>
    public TimeSpan SyncWait { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Statements that run at once per warehouse (<c>MAX_CONCURRENCY_LEVEL</c>); the rest queue. At least 1.</summary>
    public int MaxConcurrencyLevel { get; init; } = LocalSnowflakeServerOptions.DefaultMaxConcurrencyLevel;

    /// <summary>
    /// Snowflake's result cache, on by default as in Snowflake (<see cref="LocalSnowflakeServerOptions.UseCachedResult"/>):
    /// false makes every statement run.
    /// </summary>
    public bool UseCachedResult { get; init; } = true;

    /// <summary>Receives the server's log (failed statements, and the detail of a crash the client sees only as 000603).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The name <see cref="S3Integration"/> is registered under (what COPY INTO's STORAGE_INTEGRATION names).</summary>
    public const string DefaultS3IntegrationName = "SNOWFERRY_LOCAL_S3";

    /// <summary>
    /// An S3 endpoint and credentials the engine may unload to (<c>COPY INTO 's3://…' … STORAGE_INTEGRATION = name</c>),
    /// registered as <see cref="S3IntegrationName"/>; no integration when null.
    /// </summary>
    public LocalStorageIntegration? S3Integration { get; init; }

    /// <summary>The integration's name, upper case as Snowflake folds unquoted names.</summary>
    public string S3IntegrationName { get; init; } = DefaultS3IntegrationName;
}
