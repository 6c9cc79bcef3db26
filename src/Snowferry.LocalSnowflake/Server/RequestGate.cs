using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// Runs before every endpoint: injected faults first (they stand for an overloaded front end, which answers before
/// looking at credentials), then the credentials, then the <c>Accept</c> and <c>User-Agent</c> headers the SQL API
/// requires. <c>Content-Type</c> is checked by the POST endpoint, the only one with a body.
/// </summary>
internal sealed class RequestGate
{
    private readonly LocalSnowflakeFaults _faults;
    private readonly AuthValidator _auth;
    private readonly ILogger _logger;

    public RequestGate(LocalSnowflakeFaults faults, AuthValidator auth, ILogger logger)
    {
        _faults = faults;
        _auth = auth;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (_faults.TakeRequestFailure() is { } status)
        {
            ServerLog.FaultInjected(_logger, status, request.Method, request.Path.Value ?? "");
            await HttpAnswers.WriteAsync(context, status, ErrorBodies.InjectedFault(status)).ConfigureAwait(false);
            return;
        }

        var auth = _auth.Validate(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, request.Headers["X-Snowflake-Authorization-Token-Type"].ToString());
        if (!auth.IsValid)
        {
            ServerLog.AuthRejected(_logger, auth.Reason);
            await HttpAnswers.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorBodies.Plain(auth.Code, auth.Message!)).ConfigureAwait(false);
            return;
        }

        if (!AcceptsJson(request.Headers.Accept))
        {
            // Undocumented: a client that cannot take JSON gets the standard 406.
            await HttpAnswers.WriteAsync(
                context, StatusCodes.Status406NotAcceptable, ErrorBodies.Plain(null, "The Accept header must allow application/json.")).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrWhiteSpace(request.Headers.UserAgent))
        {
            // The SQL API lists User-Agent as required; Snowflake's exact refusal is undocumented, 400 is the plain reading.
            await HttpAnswers.WriteAsync(
                context, StatusCodes.Status400BadRequest, ErrorBodies.Plain(null, "The User-Agent header is required (e.g. myapp/1.0).")).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>No <c>Accept</c> means anything; otherwise one range must cover application/json.</summary>
    private static bool AcceptsJson(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0)
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return false;
        }

        foreach (var range in ranges)
        {
            if (range.MatchesAllTypes || (range.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && (range.MatchesAllSubTypes || range.SubType.Equals("json", StringComparison.OrdinalIgnoreCase))))
            {
                return true;
            }
        }

        return false;
    }
}
