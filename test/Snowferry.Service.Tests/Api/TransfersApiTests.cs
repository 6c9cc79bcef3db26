using System.Net;
using System.Text.Json;
using Snowferry.Transfer;
using static Snowferry.Service.Tests.ServiceHttp;

namespace Snowferry.Service.Tests.Api;

public sealed class TransfersApiTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly string[] s_notFailed = ["queued", "running", "succeeded"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_WaitForOrders_SucceedsWithTheFileTheLibraryWrites()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        var job = await RunAsync(http, TransferBody("ORDERS_100K", $"s3://{fixture.Bucket}/acme/run1"), Ct);

        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal("acme", job.GetProperty("client").GetString());
        Assert.Equal("\"SNOWFERRY\".\"PUBLIC\".\"ORDERS_100K\"", job.GetProperty("source_table").GetString());
        var fileName = job.GetProperty("result").GetProperty("file_name").GetString()!;
        Assert.StartsWith("acme/run1/", fileName, StringComparison.Ordinal);
        Assert.Equal("done", job.GetProperty("progress").GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Object, job.GetProperty("report").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("error").ValueKind);

        // The same table through the library, to another prefix: the service adds nothing and loses nothing.
        using var library = new SnowferryDataSourceBuilder()
            .UseConnection(fixture.Snowflake.ConnectionName, fixture.Snowflake.ConnectionsFilePath)
            .UseS3Endpoint(fixture.ServiceUrl).UseS3Region(fixture.Server.Options.Region).UseS3Credentials(fixture.Credentials).Build();
        var direct = await library.TransferAsync("ORDERS_100K", $"s3://{fixture.Bucket}/direct", cancellationToken: Ct);
        Assert.Equal(await fixture.ReadObjectAsync(direct.FileName, Ct), await fixture.ReadObjectAsync(fileName, Ct));
        Assert.Equal(direct.OutputRows, job.GetProperty("result").GetProperty("row_count").GetInt64());

        using var result = await http.GetAsync($"/v1/transfers/{job.GetProperty("id").GetString()}/result", Ct);
        var three = await BodyAsync(result, Ct);
        Assert.Equal(["file_name", "row_count", "timestamp"], three.EnumerateObject().Select(p => p.Name));
        Assert.Equal(fileName, three.GetProperty("file_name").GetString());
        Assert.EndsWith("Z", three.GetProperty("timestamp").GetString(), StringComparison.Ordinal);

        using var manifest = await http.GetAsync($"/v1/transfers/{job.GetProperty("id").GetString()}/manifest", Ct);
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        var committed = await fixture.ReadObjectAsync(fileName + ".manifest.json", Ct);
        Assert.Equal(committed, await manifest.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Submit_WithoutWait_Answers202WithLocation()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.PostAsync("/v1/transfers", TransferBody("LOCATIONS_595", $"s3://{fixture.Bucket}/acme/nowait"), Ct);
        var job = await BodyAsync(response, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = job.GetProperty("id").GetString();
        Assert.Equal($"/v1/transfers/{id}", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Preference-Applied"));
        Assert.Contains(job.GetProperty("state").GetString(), s_notFailed);
    }

    [Fact]
    public async Task Submit_PreferWaitAbove600_IsCappedAndSaysSo()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/transfers") { Content = TransferBody("LOCATIONS_595", $"s3://{fixture.Bucket}/acme/wait") };
        request.Headers.Add("Prefer", "respond-async, wait=100000");
        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wait=600", response.Headers.GetValues("Preference-Applied").Single());
        Assert.NotNull(response.Headers.Location);
    }

    [Fact]
    public async Task Submit_UnknownTableWithinPattern_FailsAsAPlanProblem()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        var job = await RunAsync(http, TransferBody("ORDERS_NOPE", $"s3://{fixture.Bucket}/acme/nope"), Ct);

        Assert.Equal("failed", job.GetProperty("state").GetString());
        var error = job.GetProperty("error");
        Assert.Equal("plan", error.GetProperty("code").GetString());
        Assert.Contains("ORDERS_NOPE", error.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var result = await http.GetAsync($"/v1/transfers/{job.GetProperty("id").GetString()}/result", Ct);
        await ProblemAsync(result, HttpStatusCode.UnprocessableEntity, "plan", Ct);
        Assert.Empty(await fixture.ListKeysAsync("acme/nope", Ct));
    }

    [Fact]
    public async Task Get_AnotherClientsJob_IsNotFoundLikeNoJobAtAll()
    {
        using var acme = fixture.Http(fixture.AcmeKey);
        using var other = fixture.Http(fixture.OtherKey);
        using var submitted = await acme.PostAsync("/v1/transfers", TransferBody("LOCATIONS_595", $"s3://{fixture.Bucket}/acme/mine"), Ct);
        var id = (await BodyAsync(submitted, Ct)).GetProperty("id").GetString();

        foreach (var path in new[] { $"/v1/transfers/{id}", $"/v1/transfers/{id}/result", $"/v1/transfers/{id}/manifest" })
        {
            using var theirs = await other.GetAsync(path, Ct);
            using var none = await other.GetAsync(path.Replace(id!, "0123456789abcdef0123456789abcdef", StringComparison.Ordinal), Ct);
            await ProblemAsync(theirs, HttpStatusCode.NotFound, "not_found", Ct);
            await ProblemAsync(none, HttpStatusCode.NotFound, "not_found", Ct);
        }

        using var cancel = await other.PostAsync($"/v1/transfers/{id}/cancel", null, Ct);
        await ProblemAsync(cancel, HttpStatusCode.NotFound, "not_found", Ct);
        using var list = await other.GetAsync("/v1/transfers?limit=200", Ct);
        var items = (await BodyAsync(list, Ct)).GetProperty("items");
        Assert.DoesNotContain(items.EnumerateArray(), j => j.GetProperty("id").GetString() == id);
    }

    [Theory]
    [InlineData(null, "Send the client key")]
    [InlineData("sfk_not-a-key-anyone-has", "not one this service knows")]
    public async Task Any_WithoutAValidKey_IsUnauthorized(string? key, string hint)
    {
        using var http = fixture.Http(key);
        foreach (var path in new[] { "/v1/transfers", "/v1/me" })
        {
            using var response = await http.GetAsync(path, Ct);
            var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized", Ct);
            Assert.Contains(hint, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Theory]
    [InlineData("MOVIE_RATINGS_27M", "acme/x", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("ORDERS_100K", "acme-evil/x", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("ORDERS_100K", "other/x", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("OTHERDB.PUBLIC.ORDERS_100K", "acme/x", HttpStatusCode.Forbidden, "forbidden")]
    [InlineData("SNOWFERRY.PUBLIC.ORDERS_100K.X", "acme/x", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("PUBLIC.ORDERS_100K.X", "acme/x", HttpStatusCode.Forbidden, "forbidden")]
    public async Task Submit_OutsideTheAllowlists_IsRefusedAndNothingQueued(string table, string prefix, HttpStatusCode status, string code)
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.PostAsync("/v1/transfers", TransferBody(table, $"s3://{fixture.Bucket}/{prefix}"), Ct);
        await ProblemAsync(response, status, code, Ct);
    }

    [Theory]
    [InlineData("""{"source_table":"ORDERS_100K","destination_s3_bucket":"s3://snowferry-test/acme/","endpoint":"x"}""", "unknown field 'endpoint'")]
    [InlineData("""{"source_table":"ORDERS_100K","destination_s3_bucket":"s3://snowferry-test/acme/","options":{"part_size":5}}""", "unknown field 'part_size'")]
    [InlineData("""{"source_table":"ORDERS_100K","destination_s3_bucket":"s3://snowferry-test/acme/","options":{"format":"xlsx"}}""", "options.format 'xlsx'")]
    [InlineData("""{"source_table":"ORDERS_100K","destination_s3_bucket":"s3://snowferry-test/acme/","options":{"mode":"unload"}}""", "storage integration")]
    [InlineData("""{"source_table":"ORDERS_100K","destination_s3_bucket":"s3://snowferry-test/acme/","options":{"epoch_unit":"1"}}""", "options.epoch_unit")]
    [InlineData("""{"source_table":"ORDERS_100K","destination_s3_bucket":"s3://snowferry-test/acme/","options":{"month_columns":"O_ORDERDATE"}}""", "wrong type")]
    [InlineData("""{"source_table":"ORDERS_100K","source_table":"X","destination_s3_bucket":"s3://snowferry-test/acme/"}""", "twice")]
    [InlineData("""{"source_table":"ORDERS_100K",""", "malformed JSON")]
    [InlineData("""{"destination_s3_bucket":"s3://snowferry-test/acme/"}""", "source_table is missing")]
    [InlineData("""{"source_table":"ORDERS_100K","destination_s3_bucket":"/tmp/out"}""", "s3://")]
    public async Task Submit_BadBody_IsABadRequestNamingTheField(string body, string says)
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.PostAsync("/v1/transfers", Json(body), Ct);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "bad_request", Ct);
        Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_OverwriteWithoutPermission_IsForbidden()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.PostAsync("/v1/transfers", TransferBody("ORDERS_100K", $"s3://{fixture.Bucket}/acme/", """{"overwrite":true}"""), Ct);
        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden", Ct);
        Assert.Contains("options.overwrite", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_TooLargeBody_IsTooLarge()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        var columns = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"C{i}\""));
        using var response = await http.PostAsync("/v1/transfers", TransferBody("ORDERS_100K", $"s3://{fixture.Bucket}/acme/", $$"""{"keep_columns":[{{columns}}]}"""), Ct);
        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "too_large", Ct);
    }

    [Fact]
    public async Task Submit_SameIdempotencyKey_ReplaysTheJobOrRefusesAnotherBody()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> Send(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/transfers") { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await http.SendAsync(request, Ct);
        }

        using var first = await Send($$"""{"source_table":"LOCATIONS_595","destination_s3_bucket":"s3://{{fixture.Bucket}}/acme/idem"}""");
        // The same request with other spacing and order is the same body.
        using var again = await Send($$"""{ "destination_s3_bucket" : "s3://{{fixture.Bucket}}/acme/idem", "source_table" : "LOCATIONS_595" }""");
        using var other = await Send($$"""{"source_table":"LOCATIONS_595","destination_s3_bucket":"s3://{{fixture.Bucket}}/acme/idem2"}""");

        var id = (await BodyAsync(first, Ct)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(id, (await BodyAsync(again, Ct)).GetProperty("id").GetString());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal($"/v1/transfers/{id}", again.Headers.Location?.OriginalString);
        await ProblemAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency_mismatch", Ct);
    }

    [Fact]
    public async Task List_PagesNewestFirstWithinTheClient()
    {
        using var http = fixture.Http(fixture.OtherKey);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync("/v1/transfers", TransferBody("MOVIE_RATINGS_27M", $"s3://{fixture.Bucket}/other/list{i}", """{"key_columns":["USERID","MOVIEID"]}"""), Ct);
            ids.Add((await BodyAsync(response, Ct)).GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            using var page = await http.GetAsync("/v1/transfers?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), Ct);
            var body = await BodyAsync(page, Ct);
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()!));
            cursor = body.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen.Where(ids.Contains));
        Assert.Equal(seen.Count, seen.Distinct().Count());

        using var bad = await http.GetAsync("/v1/transfers?cursor=bogus", Ct);
        await ProblemAsync(bad, HttpStatusCode.BadRequest, "bad_request", Ct);
        using var badState = await http.GetAsync("/v1/transfers?state=done", Ct);
        await ProblemAsync(badState, HttpStatusCode.BadRequest, "bad_request", Ct);
        foreach (var limit in new[] { "201", "0", "abc", "-1" })
        {
            using var badLimit = await http.GetAsync("/v1/transfers?limit=" + limit, Ct);
            await ProblemAsync(badLimit, HttpStatusCode.BadRequest, "bad_request", Ct);
        }
    }

    [Fact]
    public async Task Cancel_AFinishedJob_IsAConflictNamingItsState()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        var job = await RunAsync(http, TransferBody("LOCATIONS_595", $"s3://{fixture.Bucket}/acme/done"), Ct);
        using var cancel = await http.PostAsync($"/v1/transfers/{job.GetProperty("id").GetString()}/cancel", null, Ct);
        var problem = await ProblemAsync(cancel, HttpStatusCode.Conflict, "conflict", Ct);
        Assert.Contains("succeeded", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(job.GetProperty("id").GetString(), problem.GetProperty("job_id").GetString());
    }
}
