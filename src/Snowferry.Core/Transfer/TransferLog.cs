using Microsoft.Extensions.Logging;

namespace Snowferry.Transfer;

/// <summary>Log lines of the transfer (event ids 1300-1399). Names, counts and handles only: never SQL literals or values.</summary>
internal static partial class TransferLog
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

    [LoggerMessage(EventId = 1305, Level = LogLevel.Debug, Message = "Could not check whether {Location} exists (access denied); relying on the conditional write")]
    public static partial void ExistenceCheckDenied(ILogger logger, string location);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "{Table}: mode {Mode}, {Reason}")]
    public static partial void ModeChosen(ILogger logger, string table, string mode, string reason);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "{Table}: mode auto streams without estimating: {Reason}")]
    public static partial void AutoCannotUnload(ILogger logger, string table, string reason);
}
