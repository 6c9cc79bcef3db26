using Microsoft.Extensions.Logging;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// The server's log lines (event ids 4000-4099). Never a token, a key, SQL text or a row value: handles, codes and
/// reasons only.
/// </summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Local Snowflake SQL API listening on {BaseAddress}")]
    public static partial void Started(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Request refused with 401: {Reason}")]
    public static partial void AuthRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Statement {Handle} failed: {Code} ({SqlState})")]
    public static partial void StatementFailed(ILogger logger, string handle, string code, string sqlState);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Statement {Handle} failed inside the server")]
    public static partial void StatementCrashed(ILogger logger, string handle, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Statement {Handle} cancelled")]
    public static partial void StatementCanceled(ILogger logger, string handle);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Fault injected: answered {Status} to {Method} {Path}")]
    public static partial void FaultInjected(ILogger logger, int status, string method, string path);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "Fault injected: partition {Partition} of {Handle} cut after {Bytes} bytes")]
    public static partial void PartitionDropped(ILogger logger, int partition, string handle, long bytes);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "Statement {Handle} queued: every slot of warehouse {Warehouse} is taken")]
    public static partial void StatementQueued(ILogger logger, string handle, string warehouse);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "Statement {Handle} answered from the result cache")]
    public static partial void StatementFromResultCache(ILogger logger, string handle);
}
