using Microsoft.AspNetCore.Http;

namespace Snowferry.Service.Api;

/// <summary>The problems the API answers with, one factory per code, and how they are written.</summary>
public static class ServiceProblems
{
    /// <summary>The problem's media type.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>401: no key, or not one this service knows.</summary>
    public static ServiceProblem Unauthorized(string detail) => new(401, "unauthorized", "Unauthorized", detail);

    /// <summary>403: outside the client's allowlists or permissions.</summary>
    public static ServiceProblem Forbidden(string detail) => new(403, "forbidden", "Forbidden", detail);

    /// <summary>404: no such job (or another client's), or no such path.</summary>
    public static ServiceProblem NotFound(string detail) => new(404, "not_found", "Not found", detail);

    /// <summary>400: malformed JSON, an unknown field, a bad value.</summary>
    public static ServiceProblem BadRequest(string detail) => new(400, "bad_request", "Bad request", detail);

    /// <summary>413: the body is larger than the service accepts.</summary>
    public static ServiceProblem TooLarge(string detail) => new(413, "too_large", "Request too large", detail);

    /// <summary>409: the job is queued or running.</summary>
    public static ServiceProblem NotFinished(string jobId, TimeSpan retryAfter) =>
        new(409, "not_finished", "Transfer not finished", "The transfer is still queued or running: ask again later, or send 'Prefer: wait=N'.")
        {
            JobId = jobId,
            RetryAfter = retryAfter,
        };

    /// <summary>409: the job was cancelled.</summary>
    public static ServiceProblem Cancelled(string jobId, string detail) =>
        new(409, "cancelled", "Transfer cancelled", detail) { JobId = jobId };

    /// <summary>409: the request conflicts with the job's state or with a request in flight.</summary>
    public static ServiceProblem Conflict(string detail, string? jobId = null) =>
        new(409, "conflict", "Conflict", detail) { JobId = jobId };

    /// <summary>422: an idempotency key reused with another body.</summary>
    public static ServiceProblem IdempotencyMismatch(string detail) =>
        new(422, "idempotency_mismatch", "Idempotency key reused with another body", detail);

    /// <summary>429: the client's request rate.</summary>
    public static ServiceProblem RateLimited(TimeSpan retryAfter) =>
        new(429, "rate_limited", "Too many requests", "This client sent more requests than its rate allows: wait and retry.") { RetryAfter = retryAfter };

    /// <summary>429: the client's active jobs.</summary>
    public static ServiceProblem QueueFull(int maxActiveJobs, TimeSpan retryAfter) =>
        new(429, "queue_full", "Too many active transfers",
            $"This client already has {maxActiveJobs} transfers queued or running (its MaxActiveJobs): wait for one to finish, or cancel one.")
        {
            RetryAfter = retryAfter,
        };

    /// <summary>503: the service is stopping and admits nothing new.</summary>
    public static ServiceProblem ShuttingDown() =>
        new(503, "shutting_down", "Shutting down", "The service is shutting down and accepts no new transfers: retry against it once it is back.")
        {
            RetryAfter = TimeSpan.FromSeconds(30),
        };

    /// <summary>500: a fault of the service's own; the detail says nothing more.</summary>
    public static ServiceProblem Internal() =>
        new(500, "internal", "Internal error", "The service failed unexpectedly; the operator's log has the details.");

    /// <summary>As the response: status, <c>Retry-After</c>, <c>application/problem+json</c>.</summary>
    public static IResult Result(ServiceProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new ProblemResult(problem);
    }

    /// <summary>Writes a problem straight to a response (authentication, rate limiting, middleware).</summary>
    public static Task Write(HttpContext context, ServiceProblem problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ProblemResult(problem).ExecuteAsync(context);
    }

    private sealed class ProblemResult(ServiceProblem problem) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
    {
        public int? StatusCode => problem.Status;

        public string ContentType => ServiceProblems.ContentType;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = problem.Status;
            response.ContentType = ServiceProblems.ContentType;
            if (problem.RetryAfterHeader is { } after)
            {
                response.Headers.RetryAfter = after;
            }

            await response.WriteAsync(problem.ToJson(), httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
