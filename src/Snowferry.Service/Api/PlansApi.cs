using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snowferry.Service.Hosting;
using Snowferry.Service.Jobs;
using Snowferry.Transfer;

namespace Snowferry.Service.Api;

/// <summary><c>POST /v1/plans</c>: what a transfer would do (each column's role, the output, the SQL), moving nothing.</summary>
internal static class PlansApi
{
    public static RouteHandlerBuilder MapPlans(this IEndpointRouteBuilder app) =>
        app.MapPost("/plans", PlanAsync)
            .WithTags("Plans")
            .Accepts<TransferRequest>("application/json")
            .Produces<PlanView>()
            .WithSummary("Plan a transfer without moving data");

    private static async Task<IResult> PlanAsync(
        HttpContext context, TransferJobs jobs, ServiceClients clients, SnowferryDataSource dataSource, CancellationToken cancellationToken)
    {
        var (request, problem) = await ServiceJson.ReadAsync<TransferRequest>(context.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return ServiceProblems.Result(problem);
        }

        var (target, refusal) = jobs.Resolve(clients.Get(context.User.FindFirstValue(ClaimTypes.Name)!), request!);
        if (refusal is not null)
        {
            return ServiceProblems.Result(refusal);
        }

        try
        {
            var plan = await dataSource.PlanAsync(target!.Table, target.Options, cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(PlanView.Of(plan), ServiceJson.Options);
        }
        catch (Exception e) when (JobFailures.Of(e, "") is { } failure)
        {
            return ServiceProblems.Result(failure with { JobId = null });
        }
    }
}
