namespace Snowferry.Testing;

/// <summary>The S3 operations the proxy tells apart.</summary>
public enum S3Operation
{
    Other,
    HeadObject,
    GetObject,
    PutObject,
    DeleteObject,
    CreateMultipartUpload,
    UploadPart,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListMultipartUploads,
}

/// <summary>What the proxy does instead of forwarding.</summary>
public enum S3Fault
{
    /// <summary>503 with S3's <c>SlowDown</c> error body.</summary>
    SlowDown,

    /// <summary>500 with S3's <c>InternalError</c> error body.</summary>
    InternalError,

    /// <summary>The connection is reset without an answer.</summary>
    ConnectionReset,

    /// <summary>No answer until the client gives up.</summary>
    Stall,

    /// <summary>412 with S3's <c>PreconditionFailed</c> error body.</summary>
    PreconditionFailed,
}

/// <summary>One request the proxy saw.</summary>
/// <param name="Operation">The S3 operation.</param>
/// <param name="Path">The request path (<c>/bucket/key</c>), unescaped.</param>
/// <param name="RequestUploadId">The <c>uploadId</c> the request named, if any.</param>
/// <param name="IfNoneMatch">The request's <c>If-None-Match</c> header, if any.</param>
public sealed record S3ProxyRecord(S3Operation Operation, string Path, string? RequestUploadId, string? IfNoneMatch)
{
    private string? _createdUploadId;

    /// <summary>The upload id: the one the request named, or the one a CreateMultipartUpload answered with.</summary>
    public string? UploadId
    {
        get => RequestUploadId ?? _createdUploadId;
        set => _createdUploadId = value;
    }

    /// <summary>The HTTP status answered (null when the connection was reset or stalled).</summary>
    public int? Status { get; set; }

    /// <summary>The fault played instead of forwarding, if any.</summary>
    public S3Fault? Fault { get; set; }
}
