using Microsoft.Extensions.Logging;

namespace Snowferry.Internal;

/// <summary>1200-1299: destinations (S3, local folder). Keys and buckets are logged; credentials never.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Started multipart upload to {Location}")]
    public static partial void MultipartStarted(ILogger logger, string location);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Uploaded part {PartNumber} ({ByteCount} bytes) of {Location}")]
    public static partial void PartUploaded(ILogger logger, int partNumber, int byteCount, string location);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Committed {Location}: {ByteCount} bytes in {PartCount} parts")]
    public static partial void UploadCommitted(ILogger logger, string location, long byteCount, int partCount);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Aborted the upload to {Location}; nothing was written there")]
    public static partial void UploadAborted(ILogger logger, string location);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Could not abort the multipart upload to {Location}; a lifecycle rule for incomplete uploads will remove its parts")]
    public static partial void AbortFailed(ILogger logger, string location, Exception exception);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Debug, Message = "Could not check whether {Location} exists before uploading (HTTP {HttpStatus}); relying on the conditional write")]
    public static partial void ExistenceCheckSkipped(ILogger logger, string location, int httpStatus);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Information, Message = "Could not read {Location} back to check its size (HTTP {HttpStatus}); relying on the write's answer")]
    public static partial void VerificationSkipped(ILogger logger, string location, int httpStatus);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information, Message = "Aborted {UploadCount} multipart uploads left open at {Location}")]
    public static partial void LeftoverUploadsAborted(ILogger logger, int uploadCount, string location);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Information, Message = "Deleted {FileCount} temporary files left beside {Location}")]
    public static partial void LeftoverFilesDeleted(ILogger logger, int fileCount, string location);
}
