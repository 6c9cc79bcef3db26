using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snowferry.Service.Api;

namespace Snowferry.Service.Authentication;

/// <summary>
/// <c>Authorization: Bearer &lt;client key&gt;</c>. The key is only hashed and compared, never logged or kept; a missing
/// or unknown key is a <c>401 unauthorized</c> problem.
/// </summary>
internal sealed class ClientKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ClientDirectory clients)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ClientKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header is not a bearer token."));
        }

        var client = clients.Find(header.AsSpan(Bearer.Length).Trim());
        if (client is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown client key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, client)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = Request.Headers.Authorization.Count == 0
            ? "Send the client key as 'Authorization: Bearer <key>'."
            : "The client key is not one this service knows: check it, or ask the operator for a new one.";
        await ServiceProblems.Write(Context, ServiceProblems.Unauthorized(detail)).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ServiceProblems.Write(Context, ServiceProblems.Forbidden("This client may not do that."));
}
