using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snowferry.Output;
using Snowferry.Service.Hosting;

namespace Snowferry.Service.Api;

/// <summary><c>GET /v1/me</c>: who the key belongs to and what it may do (what a console guides its forms with).</summary>
internal static class MeApi
{
    public static RouteHandlerBuilder MapMe(this IEndpointRouteBuilder app) =>
        app.MapGet("/me", (HttpContext context, ServiceClients clients, ServiceRuntime runtime) =>
        {
            var client = clients.Get(context.User.FindFirstValue(ClaimTypes.Name)!);
            string[] modes = string.IsNullOrWhiteSpace(runtime.Options.StorageIntegration) ? ["stream"] : ["stream", "unload", "auto"];
            return TypedResults.Json(
                new MeView(
                    client.Name,
                    client.AllowedTables,
                    client.AllowedDestinations,
                    client.AllowOverwrite,
                    client.MaxActiveJobs,
                    modes,
                    [.. OutputFormats.All.Select(f => f.Name)],
                    runtime.DefaultDatabase,
                    runtime.DefaultSchema),
                ServiceJson.Options);
        })
        .WithTags("Clients")
        .Produces<MeView>()
        .WithSummary("The calling client, its allowlists and permissions");
}

/// <summary>The calling client and what it may do.</summary>
/// <param name="Client">Its name in the service's configuration.</param>
/// <param name="AllowedTables">Table patterns, completed with the connection's database and schema.</param>
/// <param name="AllowedDestinations">Destination prefixes.</param>
/// <param name="AllowOverwrite">Whether <c>options.overwrite</c> is allowed.</param>
/// <param name="MaxActiveJobs">Jobs queued or running at once.</param>
/// <param name="Modes">The <c>options.mode</c> values this service runs.</param>
/// <param name="Formats">The <c>options.format</c> values.</param>
/// <param name="DefaultDatabase">Completes table names without a database.</param>
/// <param name="DefaultSchema">Completes table names without a schema.</param>
public sealed record MeView(
    string Client,
    IReadOnlyList<string> AllowedTables,
    IReadOnlyList<string> AllowedDestinations,
    bool AllowOverwrite,
    int MaxActiveJobs,
    IReadOnlyList<string> Modes,
    IReadOnlyList<string> Formats,
    string? DefaultDatabase,
    string? DefaultSchema);
