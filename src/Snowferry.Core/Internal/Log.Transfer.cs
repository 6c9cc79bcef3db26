using Microsoft.Extensions.Logging;

namespace Snowferry.Internal;

/// <summary>
/// 1300-1399: the transfer pipeline (planning, the streamed write, the manifest, the mode). 1400-1499: the unload.
/// Names, counts and handles only: never SQL literals or values.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Planned {Table}: {ColumnCount} output columns")]
    public static partial void Planned(ILogger logger, string table, int columnCount);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Statement {StatementHandle} returned {RowCount} rows in {PartitionCount} partitions")]
    public static partial void Queried(ILogger logger, string statementHandle, long rowCount, int partitionCount);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Committed {Location}: {ByteCount} bytes, {RowCount} rows")]
    public static partial void Committed(ILogger logger, string location, long byteCount, long rowCount);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Verified {Location}: read back, checksum and {RowCount} rows match")]
    public static partial void Verified(ILogger logger, string location, long rowCount);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Wrote manifest {Location}")]
    public static partial void ManifestWritten(ILogger logger, string location);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "{Table}: mode {Mode}, {Reason}")]
    public static partial void ModeChosen(ILogger logger, string table, string mode, string reason);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "{Table}: mode auto streams without estimating: {Reason}")]
    public static partial void AutoCannotUnload(ILogger logger, string table, string reason);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Debug, Message = "Bucket {Bucket} is in {Region}")]
    public static partial void BucketRegionFound(ILogger logger, string bucket, string region);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Debug, Message = "Could not find the region of bucket {Bucket} ({Reason}); using the configured one")]
    public static partial void BucketRegionUnknown(ILogger logger, string bucket, string reason);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "{Table}: {Warning}")]
    public static partial void PlanWarned(ILogger logger, string table, string warning);

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Unloading {Table} to {Location}")]
    public static partial void UnloadStarting(ILogger logger, string table, string location);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Statement {StatementHandle} unloaded {RowCount} rows into {FileCount} files")]
    public static partial void Unloaded(ILogger logger, string statementHandle, long rowCount, int fileCount);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Run prefix {Location} disagrees with the statement: {UnexpectedCount} unexpected, {MissingCount} missing")]
    public static partial void UnloadMismatch(ILogger logger, string location, int unexpectedCount, int missingCount);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Published manifest {Location}")]
    public static partial void UnloadPublished(ILogger logger, string location);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Transfer mode {Mode}: about {EstimatedRows} output rows (~{EstimatedBytes} bytes) from {SourceRows} source rows")]
    public static partial void ModeEstimated(ILogger logger, string mode, long estimatedRows, long estimatedBytes, long sourceRows);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Removed the incomplete unload {Location}: {FileCount} files, no manifest")]
    public static partial void IncompleteUnloadRemoved(ILogger logger, string location, int fileCount);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information, Message = "Left {Location} alone: it holds a manifest, so the unload was published")]
    public static partial void PublishedUnloadKept(ILogger logger, string location);
}
