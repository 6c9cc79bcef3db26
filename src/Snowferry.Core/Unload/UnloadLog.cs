using Microsoft.Extensions.Logging;

namespace Snowferry.Unload;

/// <summary>Log lines of the unload (event ids 1400-1499). Names, counts and handles only.</summary>
internal static partial class UnloadLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Unloading {Table} to {Location}")]
    public static partial void Starting(ILogger logger, string table, string location);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Statement {StatementHandle} unloaded {RowCount} rows into {FileCount} files")]
    public static partial void Unloaded(ILogger logger, string statementHandle, long rowCount, int fileCount);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Run prefix {Location} disagrees with the statement: {UnexpectedCount} unexpected, {MissingCount} missing")]
    public static partial void Mismatch(ILogger logger, string location, int unexpectedCount, int missingCount);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Published manifest {Location}")]
    public static partial void Published(ILogger logger, string location);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Transfer mode {Mode}: about {EstimatedRows} output rows (~{EstimatedBytes} bytes) from {SourceRows} source rows")]
    public static partial void ModeChosen(ILogger logger, TransferMode mode, long estimatedRows, long estimatedBytes, long sourceRows);
}
