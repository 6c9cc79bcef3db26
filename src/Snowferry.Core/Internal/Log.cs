using Microsoft.Extensions.Logging;

namespace Snowferry.Internal;

/// <summary>
/// Every log line of snowferry, as source-generated <see cref="LoggerMessageAttribute"/> methods with stable event ids.
/// 1100-1199: the SQL API client. Never log tokens, keys, SQL literals or row values.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Submitting statement ({StatementLength} chars) as request {RequestId}")]
    public static partial void SubmittingStatement(ILogger logger, int statementLength, Guid requestId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Statement {StatementHandle} accepted for request {RequestId} (HTTP {HttpStatus})")]
    public static partial void StatementAccepted(ILogger logger, string? statementHandle, Guid requestId, int httpStatus);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Statement {StatementHandle} still running; polling again in {DelayMs} ms")]
    public static partial void StatementPolling(ILogger logger, string? statementHandle, double delayMs);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Statement {StatementHandle} finished: {RowCount} rows in {PartitionCount} partitions after {ElapsedMs} ms")]
    public static partial void StatementCompleted(ILogger logger, string? statementHandle, long rowCount, int partitionCount, double elapsedMs);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "{Operation} attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void RetryingRequest(ILogger logger, string operation, int attempt, string reason, double delayMs);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "{Operation} answered 401; renewing the token and trying once more")]
    public static partial void RenewingToken(ILogger logger, string operation);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Cancelled statement {StatementHandle} on the server")]
    public static partial void StatementCancelled(ILogger logger, string statementHandle);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Could not cancel statement {StatementHandle} on the server; it may run to its timeout")]
    public static partial void CancelFailed(ILogger logger, string statementHandle, Exception exception);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Debug, Message = "Partition {PartitionIndex} of {StatementHandle}: {RowCount} rows from {ByteCount} bytes")]
    public static partial void PartitionDecoded(ILogger logger, int partitionIndex, string statementHandle, int rowCount, int byteCount);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning, Message = "Statement {StatementHandle} failed: {Code} {SqlState}")]
    public static partial void StatementFailed(ILogger logger, string? statementHandle, string? code, string? sqlState);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Debug, Message = "Statement {StatementHandle} status poll throttled (429); polling again in {DelayMs} ms")]
    public static partial void StatementPollThrottled(ILogger logger, string statementHandle, double delayMs);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "Request {RequestId} was cancelled before Snowflake acknowledged it; its statement could not be cancelled by handle")]
    public static partial void SubmitAbandoned(ILogger logger, Guid requestId);
}
