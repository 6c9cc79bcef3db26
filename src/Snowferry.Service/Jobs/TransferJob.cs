using Snowferry.Service.Api;

namespace Snowferry.Service.Jobs;

/// <summary>Where a job is in its life; the last three are final.</summary>
public enum JobState
{
    /// <summary>Accepted, waiting for memory or a slot.</summary>
    Queued,

    /// <summary>Planning, querying or writing.</summary>
    Running,

    /// <summary>The object is committed.</summary>
    Succeeded,

    /// <summary>Stopped by an error (its problem says which); nothing left at the key.</summary>
    Failed,

    /// <summary>Cancelled by the client; nothing left at the key.</summary>
    Cancelled,
}

/// <summary>Progress as last recorded: the library's phase, rows and bytes written.</summary>
/// <param name="Phase">planning, querying, writing, committing, done; <c>queued</c> before the start.</param>
/// <param name="Rows">Output rows written.</param>
/// <param name="TotalRows">Output rows expected, once Snowflake has said.</param>
/// <param name="Bytes">Bytes of the file written.</param>
public sealed record JobProgress(string Phase, long Rows, long? TotalRows, long Bytes)
{
    /// <summary>A job that has not started.</summary>
    public static JobProgress Queued { get; } = new("queued", 0, null, 0);
}

/// <summary>
/// One transfer job as the store keeps it. Immutable: a change is a new record written through <see cref="IJobStore"/>.
/// </summary>
public sealed record TransferJob
{
    /// <summary>Opaque id (32 hex digits, time-ordered).</summary>
    public required string Id { get; init; }

    /// <summary>The client that submitted it (the only one that may see it).</summary>
    public required string Client { get; init; }

    /// <summary>Its state.</summary>
    public JobState State { get; init; } = JobState.Queued;

    /// <summary>The table, fully qualified and quoted as the planner got it.</summary>
    public required string SourceTable { get; init; }

    /// <summary>The destination as the client gave it, normalised (<c>s3://bucket/prefix/</c>).</summary>
    public required string Destination { get; init; }

    /// <summary>The options as the client gave them.</summary>
    public required TransferRequestOptions Options { get; init; }

    /// <summary>Whether it runs as a streaming transfer (counted against the memory budget) until known otherwise.</summary>
    public bool Streaming { get; init; } = true;

    /// <summary>When it was accepted.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When it started running.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a final state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Progress as last recorded.</summary>
    public JobProgress Progress { get; init; } = JobProgress.Queued;

    /// <summary>The three-key result JSON, once succeeded.</summary>
    public string? ResultJson { get; init; }

    /// <summary>The library's report JSON, once succeeded.</summary>
    public string? ReportJson { get; init; }

    /// <summary>The problem JSON, once failed or cancelled.</summary>
    public string? ErrorJson { get; init; }

    /// <summary>What the run started that a crash would leave behind (statement, upload, unload folder).</summary>
    public JobResources Resources { get; init; } = JobResources.None;
}

/// <summary>
/// What a running job has started outside this process, recorded as it starts so that a restart after a crash can undo
/// it: the Snowflake statement to cancel, the multipart upload to abort, the unload folder to remove.
/// </summary>
/// <param name="StatementHandle">The main statement's handle.</param>
/// <param name="UploadBucket">The bucket of the open multipart upload.</param>
/// <param name="UploadKey">Its key.</param>
/// <param name="UploadId">Its upload id, when known (every open upload at the key is aborted either way).</param>
/// <param name="UnloadFolder">An unload's run folder (<c>s3://bucket/prefix/run-…/</c>).</param>
public sealed record JobResources(string? StatementHandle, string? UploadBucket, string? UploadKey, string? UploadId, string? UnloadFolder)
{
    /// <summary>Nothing started yet.</summary>
    public static JobResources None { get; } = new(null, null, null, null, null);

    /// <summary>The object being uploaded, as the library names it (<c>s3://bucket/key</c> or a local path), or null.</summary>
    public string? UploadLocation => UploadKey is null ? null : UploadBucket is null ? UploadKey : $"s3://{UploadBucket}/{UploadKey}";
}
