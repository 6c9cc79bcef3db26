using Snowferry.Planning;
using Snowferry.Snowflake;

namespace Snowferry.Unload;

/// <summary>How an <see cref="UnloadJob"/> runs. Checked once, when the job starts.</summary>
public sealed record UnloadOptions
{
    /// <summary>The default <see cref="MaxFileSize"/>: 256 MiB, a good Parquet file for downstream readers.</summary>
    public const long DefaultMaxFileSize = 268_435_456;

    /// <summary>Snowflake's cap on MAX_FILE_SIZE for a cloud location (5 GB).</summary>
    public const long MaxFileSizeLimit = 5_368_709_120;

    /// <summary>The environment variable the CLI reads when no storage integration is given.</summary>
    public const string StorageIntegrationVariable = "SNOWFERRY_STORAGE_INTEGRATION";

    /// <summary>
    /// The Snowflake storage integration that may write to the bucket (<c>STORAGE_INTEGRATION = name</c>), read with
    /// Snowflake's identifier rules (unquoted folds to upper case). Required: snowferry never puts keys into SQL.
    /// </summary>
    public string? StorageIntegration { get; init; }

    /// <summary>The data files' format; Parquet by default.</summary>
    public UnloadFileFormat Format { get; init; } = UnloadFileFormat.Parquet;

    /// <summary>MAX_FILE_SIZE in bytes: Snowflake splits the output into files of about this size (a soft limit).</summary>
    public long MaxFileSize { get; init; } = DefaultMaxFileSize;

    /// <summary>Roles of the columns, as for a streamed transfer.</summary>
    public TransferPlanOptions? Plan { get; init; }

    /// <summary>
    /// The run folder's name under the destination prefix; <c>run-&lt;yyyyMMddTHHmmssZ&gt;_&lt;8 hex&gt;</c> (fresh each
    /// run) when null. Letters, digits, <c>.</c>, <c>_</c> and <c>-</c> only.
    /// </summary>
    public string? RunName { get; init; }

    /// <summary>
    /// The timeout of the unload's statements (planning and <c>COPY INTO</c>), 1 second to 7 days; the client's default
    /// (<see cref="SnowflakeClientOptions.StatementTimeout"/>) when null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero, negative, or longer than 7 days.</exception>
    public TimeSpan? StatementTimeout
    {
        get;
        init => field = SnowflakeStatementOptions.CheckTimeout(value, nameof(StatementTimeout));
    }

    /// <summary>The QUERY_TAG of the statements.</summary>
    public string QueryTag { get; init; } = "snowferry-unload";
}
