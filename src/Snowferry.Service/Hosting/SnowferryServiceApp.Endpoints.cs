using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;
using Snowferry.Service.Api;
using Snowferry.Service.Console;

namespace Snowferry.Service.Hosting;

public static partial class SnowferryServiceApp
{
    /// <summary>The rate-limiting policy of <c>/v1</c>: per client.</summary>
    internal const string ClientRatePolicy = "client";

    private static void MapEndpoints(WebApplication app, int? managementPort)
    {
        if (managementPort is { } port)
        {
            // By the port the connection arrived on, never by the Host header, which any caller can write.
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Connection.LocalPort == port && context.Request.Path == "/metrics");
            app.Use((context, next) => context.Connection.LocalPort == port && context.Request.Path != "/healthz" && context.Request.Path != "/readyz"
                ? ServiceProblems.Write(context, ServiceProblems.NotFound("The management address serves /metrics, /healthz and /readyz only."))
                : next(context));
        }

        app.UseExceptionHandler(handler => handler.Run(context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (error is not null)
            {
                Log.RequestCrashed(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Snowferry.Service"), error);
            }

            return ServiceProblems.Write(context, ServiceProblems.Internal());
        }));
        app.UseStatusCodePages(context =>
        {
            var response = context.HttpContext.Response;
            var problem = response.StatusCode switch
            {
                StatusCodes.Status400BadRequest => ServiceProblems.BadRequest(
                    "A value in the path or query is malformed (limit is a whole number from 1 to 200): see /docs."),
                StatusCodes.Status404NotFound => ServiceProblems.NotFound($"There is no {context.HttpContext.Request.Path} here: the API is under /v1 (see /docs)."),
                StatusCodes.Status405MethodNotAllowed => ServiceProblems.BadRequest(
                    $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path} (see /docs).") with
                { Status = 405 },
                _ => null,
            };
            return problem is null ? Task.CompletedTask : ServiceProblems.Write(context.HttpContext, problem);
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapGet("/healthz", () => TypedResults.Json(new HealthView("ok"), ServiceJson.Options))
            .WithTags("Health").WithSummary("Alive").AllowAnonymous();
        app.MapGet("/readyz", async (HttpContext context, ReadinessCheck readiness, CancellationToken cancellationToken) =>
            {
                var ready = await readiness.IsReadyAsync(cancellationToken).ConfigureAwait(false);
                return TypedResults.Json(new HealthView(ready ? "ready" : "not_ready"), ServiceJson.Options,
                    statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .WithTags("Health").WithSummary("Ready: configuration loaded, job store open, Snowflake reachable").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs").AllowAnonymous();
        app.MapConsole();

        var v1 = app.MapGroup("/v1").RequireAuthorization().RequireRateLimiting(ClientRatePolicy);
        v1.MapTransfers();
        v1.MapPlans();
        v1.MapMe();
    }
}

/// <summary>A health answer; no detail, since anyone may ask.</summary>
/// <param name="Status"><c>ok</c>, <c>ready</c> or <c>not_ready</c>.</param>
public sealed record HealthView(string Status);
