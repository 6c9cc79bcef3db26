using System.Net;
using static Snowferry.Service.Tests.ServiceHttp;

namespace Snowferry.Service.Tests.Api;

/// <summary>A service allowing each client five requests a minute.</summary>
public sealed class RateLimitedServiceFixture : ServiceFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Snowferry:RequestsPerMinute"] = "5" };
}

public sealed class RateLimitTests(RateLimitedServiceFixture fixture) : IClassFixture<RateLimitedServiceFixture>
{
    [Fact]
    public async Task Requests_BeyondTheClientsRate_AreRateLimitedPerClient()
    {
        var ct = TestContext.Current.CancellationToken;
        using var acme = fixture.Http(fixture.AcmeKey);
        for (var i = 0; i < 5; i++)
        {
            using var allowed = await acme.GetAsync("/v1/me", ct);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await acme.GetAsync("/v1/me", ct);
        await ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited", ct);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Another client has its own allowance; health needs none.
        using var other = fixture.Http(fixture.OtherKey);
        using var theirs = await other.GetAsync("/v1/me", ct);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        using var health = await acme.GetAsync("/healthz", ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
