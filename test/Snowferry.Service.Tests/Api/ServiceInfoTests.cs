using System.Net;
using System.Text.Json;
using static Snowferry.Service.Tests.ServiceHttp;

namespace Snowferry.Service.Tests.Api;

/// <summary>Plans, the caller's own description, health, the OpenAPI document and the problems of unknown routes.</summary>
public sealed class ServiceInfoTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plan_Orders_ShowsRolesOutputAndSqlAndMovesNothing()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.PostAsync(
            "/v1/plans", TransferBody("orders_100k", $"s3://{fixture.Bucket}/acme/plan", """{"key_columns":["O_ORDERKEY"]}"""), Ct);
        var plan = await BodyAsync(response, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("SNOWFERRY.PUBLIC.ORDERS_100K", plan.GetProperty("source_table").GetString());
        var roles = plan.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("role").GetString());
        Assert.Equal("key", roles["O_ORDERKEY"]);
        Assert.Equal("month", roles["O_ORDERDATE"]);
        Assert.Equal("sum", roles["O_TOTALPRICE"]);
        var output = plan.GetProperty("output_columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString());
        Assert.Equal("DATE", output["O_ORDERDATE"]);
        Assert.StartsWith("NUMBER(38,", output["O_TOTALPRICE"], StringComparison.Ordinal);
        Assert.Contains("GROUP BY", plan.GetProperty("sql").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, plan.GetProperty("warnings").ValueKind);
        Assert.Empty(await fixture.ListKeysAsync("acme/plan", Ct));
    }

    [Fact]
    public async Task Plan_UnknownColumn_IsAPlanProblemNamingTheOption()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.PostAsync(
            "/v1/plans", TransferBody("ORDERS_100K", $"s3://{fixture.Bucket}/acme/plan", """{"month_columns":["NOPE"]}"""), Ct);
        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "plan", Ct);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("NOPE", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("TransferPlanOptions", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OrdersDefaults_WarnsOfEachSummedIdentifierAndItsOptionClearsIt()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.PostAsync("/v1/plans", TransferBody("ORDERS_100K", $"s3://{fixture.Bucket}/acme/plan"), Ct);
        var plan = await BodyAsync(response, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warnings = plan.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(["O_ORDERKEY", "O_CUSTKEY"], warnings.Select(w => w.GetProperty("column").GetString()));
        Assert.All(warnings, w => Assert.Equal(["code", "column", "option", "detail"], w.EnumerateObject().Select(p => p.Name)));
        Assert.All(warnings, w => Assert.Equal("identifier_summed", w.GetProperty("code").GetString()));
        Assert.All(warnings, w => Assert.Equal("key_columns", w.GetProperty("option").GetString()));
        Assert.Equal(
            "Column \"O_ORDERKEY\" (NUMBER(38,0)) looks like an identifier, and the defaults sum it; " +
            "add it to options.key_columns to group by it instead, or to options.drop_columns to leave it out.",
            warnings[0].GetProperty("detail").GetString());

        // What a client does with a warning: add its column to its option, and the plan no longer warns.
        var fixedOptions = JsonSerializer.Serialize(new Dictionary<string, string[]>
        {
            [warnings[0].GetProperty("option").GetString()!] = [.. warnings.Select(w => w.GetProperty("column").GetString()!)],
        });
        using var again = await http.PostAsync("/v1/plans", TransferBody("ORDERS_100K", $"s3://{fixture.Bucket}/acme/plan", fixedOptions), Ct);
        var fixedPlan = await BodyAsync(again, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(fixedPlan.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task Me_DescribesTheCallerOnly()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.GetAsync("/v1/me", Ct);
        var me = await BodyAsync(response, Ct);

        Assert.Equal("acme", me.GetProperty("client").GetString());
        Assert.Equal(["SNOWFERRY.PUBLIC.ORDERS_*", "SNOWFERRY.PUBLIC.LOCATIONS_595"], me.GetProperty("allowed_tables").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([$"s3://{fixture.Bucket}/acme/"], me.GetProperty("allowed_destinations").EnumerateArray().Select(t => t.GetString()));
        Assert.False(me.GetProperty("allow_overwrite").GetBoolean());
        Assert.Equal(["stream"], me.GetProperty("modes").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain("hash", me.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_NeedsNoKeyAndSaysNoMore()
    {
        using var http = fixture.Http(null);
        using var alive = await http.GetAsync("/healthz", Ct);
        using var ready = await http.GetAsync("/readyz", Ct);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await BodyAsync(ready, Ct);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Single(body.EnumerateObject());
    }

    [Fact]
    public async Task Docs_AreServedWithoutAKey()
    {
        using var http = fixture.Http(null);
        using var docs = await http.GetAsync("/docs", Ct);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_OnTheManagementAddressOnly()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        await RunAsync(http, TransferBody("LOCATIONS_595", $"s3://{fixture.Bucket}/acme/metrics"), Ct);
        using var management = new HttpClient { BaseAddress = fixture.ManagementAddress };

        var text = await management.GetStringAsync("/metrics", Ct);
        Assert.Contains("snowferry_service_jobs_submitted", text, StringComparison.Ordinal);
        Assert.Contains("snowferry_service_jobs_finished", text, StringComparison.Ordinal);
        Assert.Contains("snowferry_service_jobs_queued", text, StringComparison.Ordinal);
        using var publicMetrics = await http.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = fixture.ManagementAddress.Authority;
        using var spoofedResponse = await http.SendAsync(spoofed, Ct);
        Assert.Equal(HttpStatusCode.NotFound, spoofedResponse.StatusCode);
        management.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.AcmeKey);
        using var api = await management.GetAsync("/v1/me", Ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_IsANotFoundProblem()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.GetAsync("/v2/transfers", Ct);
        await ProblemAsync(response, HttpStatusCode.NotFound, "not_found", Ct);
    }

    /// <summary>
    /// The OpenAPI document is an interface others code against: it changes only on purpose. Run with
    /// SNOWFERRY_UPDATE_OPENAPI=1 to write the new one to docs/openapi.json, then review its diff.
    /// </summary>
    [Fact]
    public async Task OpenApi_MatchesTheCommittedDocument()
    {
        using var http = fixture.Http(null);
        using var response = await http.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = Normalise(await response.Content.ReadAsStringAsync(Ct));
        var path = Repository.File("docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("SNOWFERRY_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served, Ct);
        }

        Assert.True(File.Exists(path), "docs/openapi.json is missing: run the test with SNOWFERRY_UPDATE_OPENAPI=1.");
        Assert.True(
            served == Normalise(await File.ReadAllTextAsync(path, Ct)),
            "The served OpenAPI document differs from docs/openapi.json: if the change is meant, run this test with SNOWFERRY_UPDATE_OPENAPI=1 and commit the file.");
    }

    // The server's address is the only part that changes between runs.
    private static string Normalise(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node.AsObject().Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
