using Microsoft.Extensions.Logging;

namespace Snowferry.Service;

/// <summary>
/// Every log line of the service, with stable event ids (2000–2099). One line per job start and end with its id, client,
/// table, rows, bytes and duration; never a key, a hash or a row value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Job {JobId} started: client {Client}, table {Table}")]
    public static partial void JobStarted(ILogger logger, string jobId, string client, string table);

    [LoggerMessage(2001, LogLevel.Information, "Job {JobId} succeeded: client {Client}, table {Table}, {Rows} rows, {Bytes} bytes in {Seconds:F1} s")]
    public static partial void JobSucceeded(ILogger logger, string jobId, string client, string table, long rows, long bytes, double seconds);

    [LoggerMessage(2002, LogLevel.Warning, "Job {JobId} failed ({Kind}): client {Client}, table {Table}, after {Seconds:F1} s")]
    public static partial void JobFailed(ILogger logger, string jobId, string client, string table, string kind, double seconds);

    [LoggerMessage(2003, LogLevel.Information, "Job {JobId} stopped ({Kind}): client {Client}, table {Table}, after {Seconds:F1} s")]
    public static partial void JobStopped(ILogger logger, string jobId, string client, string table, string kind, double seconds);

    [LoggerMessage(2004, LogLevel.Error, "Job {JobId} of client {Client} failed unexpectedly")]
    public static partial void JobCrashed(ILogger logger, string jobId, string client, Exception exception);

    [LoggerMessage(2005, LogLevel.Error, "Job {JobId}: the job store failed; a restart will mark the job interrupted")]
    public static partial void JobStoreFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(2006, LogLevel.Warning, "Job {JobId} of client {Client} was running when the service stopped uncleanly: cleaned up and marked failed (interrupted)")]
    public static partial void JobInterrupted(ILogger logger, string jobId, string client);

    [LoggerMessage(2007, LogLevel.Information, "Shutting down: {Count} running jobs get {DrainPeriod} to finish")]
    public static partial void Draining(ILogger logger, int count, TimeSpan drainPeriod);

    [LoggerMessage(2008, LogLevel.Information, "Purged {Count} jobs finished more than {Retention} ago")]
    public static partial void Purged(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(2009, LogLevel.Information, "Job {JobId} accepted: client {Client}, table {Table}")]
    public static partial void JobAccepted(ILogger logger, string jobId, string client, string table);

    [LoggerMessage(2010, LogLevel.Error, "Request failed unexpectedly")]
    public static partial void RequestCrashed(ILogger logger, Exception exception);

    [LoggerMessage(2012, LogLevel.Warning, "Job {JobId} of client {Client} had committed its file before the service stopped uncleanly: marked succeeded")]
    public static partial void JobRecoveredCommitted(ILogger logger, string jobId, string client);

    [LoggerMessage(2013, LogLevel.Warning, "Recovery after an unclean stop: could not {What}")]
    public static partial void RecoveryStepFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(2011, LogLevel.Information, "snowferry serve listening; {Clients} clients, database {Database}, schema {Schema}, {Slots} streaming slots")]
    public static partial void Ready(ILogger logger, int clients, string? database, string? schema, int slots);
}
