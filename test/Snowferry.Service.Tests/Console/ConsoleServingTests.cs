using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Snowferry.Service.Console;

namespace Snowferry.Service.Tests.Console;

/// <summary>How the console's files are served, over plain HTTP: no key, strict headers, typed, revalidated.</summary>
public sealed partial class ConsoleServingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertConsoleHeaders(HttpResponseMessage response)
    {
        Assert.Equal(Policy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Root_WithoutAKey_ServesThePageWithAStrictPolicyAndNoInlineCode()
    {
        using var http = fixture.Http(null);
        using var response = await http.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertConsoleHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("""<script type="module" src="/console/js/main.js"></script>""", html, StringComparison.Ordinal);
        // The policy allows no inline script, style or handler: the page must need none.
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(InlineAttribute(), html);
    }

    [Fact]
    public async Task Assets_AreServedWithTheirTypesAndAnsweredNotModifiedByETag()
    {
        using var http = fixture.Http(null);
        var paths = ConsoleAssets.Load().Paths;
        Assert.Contains("js/main.js", paths);
        foreach (var path in paths)
        {
            using var response = await http.GetAsync(ConsoleEndpoints.AssetsPath + "/" + path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            AssertConsoleHeaders(response);
            var expected = Path.GetExtension(path) switch
            {
                ".js" => "text/javascript",
                ".css" => "text/css",
                ".html" => "text/html",
                ".svg" => "image/svg+xml",
                _ => "image/png",
            };
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);

            using var again = new HttpRequestMessage(HttpMethod.Get, ConsoleEndpoints.AssetsPath + "/" + path);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var revalidated = await http.SendAsync(again, Ct);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);

            using var stale = new HttpRequestMessage(HttpMethod.Get, ConsoleEndpoints.AssetsPath + "/" + path);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-version\""));
            using var refreshed = await http.SendAsync(stale, Ct);
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        }
    }

    [Fact]
    public async Task UnknownAsset_IsANotFoundProblem()
    {
        using var http = fixture.Http(null);
        using var response = await http.GetAsync("/console/js/nope.js", Ct);
        await ServiceHttp.ProblemAsync(response, HttpStatusCode.NotFound, "not_found", Ct);
    }

    [Fact]
    public async Task ApiAndDocs_DoNotCarryTheConsolesPolicy()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var docs = await http.GetAsync("/docs", Ct);
        using var me = await http.GetAsync("/v1/me", Ct);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.False(docs.Headers.Contains("Content-Security-Policy"), "Scalar (/docs) loads inline scripts: the console's policy would break it.");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.False(me.Headers.Contains("Content-Security-Policy"));
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\s(style|on[a-z]+)\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineAttribute();
}
