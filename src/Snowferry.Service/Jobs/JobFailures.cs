using Snowferry.Destinations;
using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Service.Api;
using Snowferry.Snowflake;
using Snowferry.Transfer;
using Snowferry.Unload;

namespace Snowferry.Service.Jobs;

/// <summary>
/// A failed or stopped job's problem. A failure carries the kind of the CLI's exit codes (<c>configuration</c>,
/// <c>snowflake</c>, <c>plan</c>, <c>destination</c>, <c>integrity</c>) as its code, with the library's message in the
/// request's terms; a stop says why (<c>cancelled</c>, <c>timeout</c>, <c>interrupted</c>).
/// </summary>
internal static class JobFailures
{
    public const int Status = 422;

    /// <summary>The problem for an exception that ended a run; null when it is the service's own fault.</summary>
    public static ServiceProblem? Of(Exception exception, string jobId)
    {
        var (code, title) = exception switch
        {
            SnowflakeConfigurationException or UnloadException or ArgumentException => ("configuration", "Configuration error"),
            PlanException => ("plan", "Plan error"),
            SnowflakeException or SnowflakeDataException => ("snowflake", "Snowflake error"),
            DestinationException => ("destination", "Destination error"),
            TransferIntegrityException or OutputDataException or UnloadIntegrityException => ("integrity", "Integrity check failed"),
            _ => (null, null),
        };
        return code is null ? null : new ServiceProblem(Status, code, title!, RequestFields.InFields(exception)) { JobId = jobId };
    }

    public static ServiceProblem Cancelled(string jobId) => ServiceProblems.Cancelled(
        jobId, "The transfer was cancelled at the client's request: the statement was cancelled in Snowflake and nothing was left at the key.");

    public static ServiceProblem Timeout(string jobId, TimeSpan limit) => new(
        Status, "timeout", "Timed out",
        $"The transfer ran longer than the service's limit ({limit}) and was cancelled; nothing was left at the key. Ask the operator about MaxJobDuration, or narrow the transfer.")
    {
        JobId = jobId,
    };

    public static ServiceProblem Interrupted(string jobId, string why) => new(
        Status, "interrupted", "Interrupted", why + " Submit it again.")
    {
        JobId = jobId,
    };

    // A job's problem is what /result answers (422, as for every failed job); the request itself did not fail.
    public static ServiceProblem Internal(string jobId) => ServiceProblems.Internal() with { Status = Status, JobId = jobId };
}
