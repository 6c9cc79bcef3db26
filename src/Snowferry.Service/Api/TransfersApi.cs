using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snowferry.Destinations;
using Snowferry.Service.Jobs;

namespace Snowferry.Service.Api;

/// <summary>
/// <c>/v1/transfers</c>: submit, read, wait for, list and cancel jobs. Each route answers the caller's own jobs only;
/// another client's job is a 404 exactly like one that does not exist.
/// </summary>
internal static class TransfersApi
{
    /// <summary>Longest wait a <c>Prefer: wait=N</c> is honoured for.</summary>
    public const int MaxWaitSeconds = 600;

    public static RouteGroupBuilder MapTransfers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/transfers").WithTags("Transfers");
        group.MapPost("", SubmitAsync)
            .Accepts<TransferRequest>("application/json")
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .Produces<JobView>(StatusCodes.Status200OK)
            .WithSummary("Submit a transfer")
            .WithDescription("Queues a transfer as a job. 'Prefer: wait=N' waits up to N seconds (at most 600) for it to finish; 'Idempotency-Key' makes a retry return the same job.");
        group.MapGet("", ListAsync).Produces<JobListView>().WithSummary("List this client's transfers, newest first");
        group.MapGet("/{id}", GetAsync).Produces<JobView>().WithSummary("A transfer job");
        group.MapGet("/{id}/result", ResultAsync).WithSummary("The three-key result of a succeeded transfer")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        group.MapGet("/{id}/manifest", ManifestAsync).WithSummary("The committed manifest, read from the destination")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        group.MapPost("/{id}/cancel", CancelAsync).Produces<JobView>().Produces<JobView>(StatusCodes.Status202Accepted)
            .WithSummary("Cancel a queued or running transfer");
        return group;
    }

    private static string Client(HttpContext context) => context.User.FindFirstValue(ClaimTypes.Name)!;

    private static IResult NotFound(string id) => ServiceProblems.Result(
        ServiceProblems.NotFound($"There is no transfer '{id}' for this client."));

    private static async Task<IResult> SubmitAsync(HttpContext context, TransferJobs jobs, CancellationToken cancellationToken)
    {
        var (request, problem) = await ServiceJson.ReadAsync<TransferRequest>(context.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return ServiceProblems.Result(problem);
        }

        var key = context.Request.Headers["Idempotency-Key"];
        var submission = await jobs.SubmitAsync(Client(context), request!, key.Count == 0 ? null : key.ToString(), cancellationToken).ConfigureAwait(false);
        if (submission.Problem is not null)
        {
            return ServiceProblems.Result(submission.Problem);
        }

        var job = submission.Job!;
        context.Response.Headers.Location = "/v1/transfers/" + job.Id;
        if (submission.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        if (PreferWait(context.Request) is { } wait)
        {
            context.Response.Headers["Preference-Applied"] = "wait=" + wait.ToString(CultureInfo.InvariantCulture);
            job = await jobs.WaitAsync(job, TimeSpan.FromSeconds(wait), cancellationToken).ConfigureAwait(false);
        }

        return TransferJobs.IsFinal(job.State)
            ? TypedResults.Json(jobs.View(job), ServiceJson.Options)
            : TypedResults.Json(jobs.View(job), ServiceJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, TransferJobs jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(Client(context), id, cancellationToken).ConfigureAwait(false);
        return job is null ? NotFound(id) : TypedResults.Json(jobs.View(job), ServiceJson.Options);
    }

    private static async Task<IResult> ResultAsync(string id, HttpContext context, TransferJobs jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(Client(context), id, cancellationToken).ConfigureAwait(false);
        return job switch
        {
            null => NotFound(id),
            { State: JobState.Succeeded, ResultJson: { } result } => TypedResults.Text(result, "application/json"),
            _ => NotSucceeded(job),
        };
    }

    // A failed job answers with its own problem, a cancelled one 409 cancelled, one not final yet 409 not_finished.
    private static IResult NotSucceeded(TransferJob job) => job switch
    {
        { State: JobState.Failed or JobState.Cancelled, ErrorJson: { } error } => ServiceProblems.Result(ServiceProblem.Parse(error)),
        _ => ServiceProblems.Result(ServiceProblems.NotFinished(job.Id, TimeSpan.FromSeconds(2))),
    };

    private static async Task<IResult> ManifestAsync(
        string id, HttpContext context, TransferJobs jobs, Transfer.SnowferryDataSource dataSource, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(Client(context), id, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return NotFound(id);
        }

        if (job.State != JobState.Succeeded)
        {
            return NotSucceeded(job);
        }

        var location = ManifestLocation(job);
        if (location is null)
        {
            return ServiceProblems.Result(ServiceProblems.NotFound("This transfer wrote no manifest."));
        }

        try
        {
            var stream = await dataSource.OpenReadAsync(location, cancellationToken).ConfigureAwait(false);
            return TypedResults.Stream(stream, "application/json");
        }
        catch (DestinationException e) when (e.Kind == DestinationErrorKind.NotFound)
        {
            return ServiceProblems.Result(ServiceProblems.NotFound(
                $"The manifest {location} is no longer at the destination: it was deleted or moved after the transfer."));
        }
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext context, TransferJobs jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(Client(context), id, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return NotFound(id);
        }

        var outcome = await jobs.CancelAsync(job, cancellationToken).ConfigureAwait(false);
        context.Response.Headers.Location = "/v1/transfers/" + job.Id;
        return outcome switch
        {
            { Problem: { } problem } => ServiceProblems.Result(problem),
            { Done: true } => TypedResults.Json(jobs.View(outcome.Job), ServiceJson.Options),
            _ => TypedResults.Json(jobs.View(outcome.Job), ServiceJson.Options, statusCode: StatusCodes.Status202Accepted),
        };
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, IJobStore store, TransferJobs jobs, string? state, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        JobState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
            {
                return ServiceProblems.Result(ServiceProblems.BadRequest($"state '{state}' is not one of queued, running, succeeded, failed, cancelled."));
            }

            filter = parsed;
        }

        // A limit that is no number never gets here: binding answers 400, written as a problem (SnowferryServiceApp).
        if (limit is < 1 or > 200)
        {
            return ServiceProblems.Result(ServiceProblems.BadRequest($"limit must be a whole number from 1 to 200, got {limit}."));
        }

        try
        {
            var page = await store.ListAsync(Client(context), filter, limit ?? 50, string.IsNullOrEmpty(cursor) ? null : cursor, cancellationToken)
                .ConfigureAwait(false);
            return TypedResults.Json(new JobListView([.. page.Items.Select(jobs.View)], page.NextCursor), ServiceJson.Options);
        }
        catch (FormatException)
        {
            return ServiceProblems.Result(ServiceProblems.BadRequest("cursor is not one this service gave: pass next_cursor from the previous page as it was."));
        }
    }

    /// <summary>The <c>wait=N</c> preference (RFC 7240), capped at <see cref="MaxWaitSeconds"/>; null when not asked.</summary>
    public static int? PreferWait(HttpRequest request)
    {
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var preference in (header ?? "").Split(','))
            {
                var (name, value) = preference.Split(';')[0].Trim() is var p && p.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                    ? (p[..eq].Trim(), p[(eq + 1)..].Trim().Trim('"'))
                    : (preference.Trim(), "");
                if (string.Equals(name, "wait", StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    return (int)Math.Min(seconds, MaxWaitSeconds);
                }
            }
        }

        return null;
    }

    private static string? ManifestLocation(TransferJob job)
    {
        if (job.ReportJson is null)
        {
            return null;
        }

        using var report = System.Text.Json.JsonDocument.Parse(job.ReportJson);
        var root = report.RootElement;
        if (!root.TryGetProperty("manifest_file_name", out var key) || key.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            return null;
        }

        var bucket = TransferDestinations.Parse(job.Destination).Bucket;
        return $"s3://{bucket}/{key.GetString()}";
    }
}
