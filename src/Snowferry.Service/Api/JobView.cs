using System.Text.Json;
using Snowferry.Service.Jobs;

namespace Snowferry.Service.Api;

/// <summary>A job as the API shows it (<c>GET /v1/transfers/{id}</c>).</summary>
public sealed record JobView(
    string Id,
    string Client,
    JobState State,
    string SourceTable,
    string DestinationS3Bucket,
    TransferRequestOptions Options,
    string SubmittedAt,
    string? StartedAt,
    string? FinishedAt,
    ProgressView Progress,
    JsonElement? Result,
    JsonElement? Report,
    JsonElement? Error)
{
    /// <summary>The view of a stored job, with live progress when it is running here.</summary>
    public static JobView Of(TransferJob job, JobProgress? live = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var progress = job.State == JobState.Running && live is not null ? live : job.Progress;
        return new JobView(
            job.Id,
            job.Client,
            job.State,
            job.SourceTable,
            job.Destination,
            job.Options,
            ServiceJson.Time(job.SubmittedAt),
            job.StartedAt is { } started ? ServiceJson.Time(started) : null,
            job.FinishedAt is { } finished ? ServiceJson.Time(finished) : null,
            new ProgressView(progress.Phase, progress.Rows, progress.TotalRows, progress.Bytes),
            Element(job.ResultJson),
            Element(job.ReportJson),
            Element(job.ErrorJson));
    }

    private static JsonElement? Element(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>How far a job is.</summary>
/// <param name="Phase"><c>queued</c>, <c>planning</c>, <c>querying</c>, <c>writing</c>, <c>committing</c>, <c>done</c>.</param>
/// <param name="Rows">Output rows written so far.</param>
/// <param name="TotalRows">Output rows to write, once Snowflake has said (null until then).</param>
/// <param name="Bytes">Bytes written so far.</param>
public sealed record ProgressView(string Phase, long Rows, long? TotalRows, long Bytes);

/// <summary>A page of jobs, newest first.</summary>
public sealed record JobListView(IReadOnlyList<JobView> Items, string? NextCursor);
