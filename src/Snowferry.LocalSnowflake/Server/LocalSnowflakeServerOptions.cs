using Microsoft.Extensions.Logging;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>How a <see cref="LocalSnowflakeServer"/> listens, partitions results and keeps time.</summary>
public sealed record LocalSnowflakeServerOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The account name clients use (JWT <c>iss</c>/<c>sub</c> must name it).</summary>
    public string Account { get; init; } = "LOCALSNOWFLAKE";

    /// <summary>Rows per result partition (Snowflake picks ~10-15 MB; tests use a few rows).</summary>
    public int PartitionRowCount { get; init; } = 10_000;

    /// <summary>How long a POST waits for the statement before answering 202 (Snowflake: 45 s).</summary>
    public TimeSpan SyncWait { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Where result partitions are kept (gzip files): the server makes its own subfolder here and deletes it on dispose;
    /// a fresh temp folder when null.
    /// </summary>
    public string? ResultDirectory { get; init; }

    /// <summary>How long a finished statement's result can be fetched (Snowflake keeps results 24 h).</summary>
    public TimeSpan ResultLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Snowflake's default <c>MAX_CONCURRENCY_LEVEL</c>.</summary>
    public const int DefaultMaxConcurrencyLevel = 8;

    /// <summary>
    /// Statements that run at once per warehouse, as a warehouse's <c>MAX_CONCURRENCY_LEVEL</c>: the rest queue in
    /// submission order and are answered as running (202) meanwhile, for as long as their timeout allows (Snowflake's
    /// <c>STATEMENT_QUEUED_TIMEOUT_IN_SECONDS</c> at its default, 0: no limit of its own). At least 1.
    /// </summary>
    public int MaxConcurrencyLevel { get; init; } = DefaultMaxConcurrencyLevel;

    /// <summary>
    /// Snowflake's <c>USE_CACHED_RESULT</c> at the account level (on by default, as in Snowflake): a query whose exact text,
    /// context and result parameters match an earlier one's, over tables unchanged since, is answered with that result
    /// without running, under a new handle. A request's <c>USE_CACHED_RESULT=false</c> parameter turns it off for that
    /// statement; false here turns it off for every statement (nothing is cached).
    /// </summary>
    public bool UseCachedResult { get; init; } = true;

    /// <summary>Default of <see cref="ResultCacheMaxEntries"/>.</summary>
    public const int DefaultResultCacheMaxEntries = 1_000;

    /// <summary>Default of <see cref="ResultCacheMaxBytes"/>: 4 GiB.</summary>
    public const long DefaultResultCacheMaxBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Results the cache keeps at most; past it the least recently used goes (Snowflake documents no bound; this one
    /// keeps a long-lived server's memory in check: each entry holds its partition 0 in memory). At least 1.
    /// </summary>
    public int ResultCacheMaxEntries { get; init; } = DefaultResultCacheMaxEntries;

    /// <summary>
    /// Bytes the cached results may occupy at most (partition 0 in memory plus the gzip partition files); past it the
    /// least recently used go, and a result larger than this alone is not cached. At least 1.
    /// </summary>
    public long ResultCacheMaxBytes { get; init; } = DefaultResultCacheMaxBytes;

    /// <summary>Largest request body accepted (a multi-row INSERT can be large).</summary>
    public long MaxRequestBodyBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Receives the server's own log lines (never tokens, SQL text or row values); Kestrel's stay off.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be in [0, 65535].");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Account);
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionRowCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SyncWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResultLifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBodyBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrencyLevel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ResultCacheMaxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ResultCacheMaxBytes, 1);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
