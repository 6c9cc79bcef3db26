using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Snowferry.Service.Api;

namespace Snowferry.Service.Hosting;

/// <summary>Each client's requests per minute on <c>/v1</c> (a fixed window); beyond it <c>429 rate_limited</c>.</summary>
internal static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services, int requestsPerMinute) =>
        services.AddRateLimiter(limiter =>
        {
            // Authentication runs first, so the partition is the client. A request without a valid key is not limited here:
            // authorization answers it 401 next, and one shared bucket would let strangers spend each other's allowance.
            limiter.AddPolicy(SnowferryServiceApp.ClientRatePolicy, context => context.User.Identity is { IsAuthenticated: true, Name: { } client }
                ? RateLimitPartition.GetFixedWindowLimiter(
                    client, _ => new FixedWindowRateLimiterOptions { PermitLimit = requestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = (rejected, _) =>
            {
                var after = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                return new ValueTask(ServiceProblems.Write(rejected.HttpContext, ServiceProblems.RateLimited(after)));
            };
        });
}
