using System.Net;
using System.Text.Json;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;

namespace Snowferry.Tests.Snowflake.Client;

public sealed class SnowflakeClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecuteAsync_Ok_SendsDocumentedRequest()
    {
        var (client, handler, _) = Fake.Create((_, _) => Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h1", 1)));

        var result = await client.ExecuteAsync(
            "SELECT ?",
            new SnowflakeStatementOptions
            {
                Timeout = TimeSpan.FromSeconds(60),
                Schema = "OTHER",
                Bindings = [SnowflakeBinding.Text("x"), SnowflakeBinding.Date(new DateOnly(1970, 1, 2))],
                QueryTag = "snowferry",
            },
            Ct);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v2/statements", request.Uri.AbsolutePath);
        Assert.True(Guid.TryParse(request.Query("requestId"), out _));
        Assert.Equal("true", request.Query("async"));
        Assert.Null(request.Query("retry"));
        Assert.Equal("Bearer secret-tok-1", request.Authorization);
        Assert.Equal("KEYPAIR_JWT", request.TokenType);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("application/json", request.Accept);
        Assert.StartsWith("snowferry/", request.UserAgent, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body!);
        var root = body.RootElement;
        Assert.Equal("SELECT ?", root.GetProperty("statement").GetString());
        Assert.Equal(60, root.GetProperty("timeout").GetInt32());
        Assert.Equal("DB", root.GetProperty("database").GetString());
        Assert.Equal("OTHER", root.GetProperty("schema").GetString());
        Assert.Equal("WH", root.GetProperty("warehouse").GetString());
        Assert.Equal("R", root.GetProperty("role").GetString());
        Assert.Equal("TEXT", root.GetProperty("bindings").GetProperty("1").GetProperty("type").GetString());
        Assert.Equal("86400000", root.GetProperty("bindings").GetProperty("2").GetProperty("value").GetString());
        Assert.Equal("snowferry", root.GetProperty("parameters").GetProperty("query_tag").GetString());
        Assert.Equal(("h1", 3L), (result.StatementHandle, result.RowCount));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1704067200000), result.CreatedOn);
    }

    [Fact]
    public async Task ExecuteAsync_Accepted_PollsStatusUrlUntilDone()
    {
        var polls = 0;
        var (client, handler, _) = Fake.Create((r, _) =>
            r.Method == HttpMethod.Post ? Fake.JsonTask(HttpStatusCode.Accepted, Fake.Running("h2"))
            : ++polls < 3 ? Fake.JsonTask(HttpStatusCode.Accepted, Fake.Running("h2"))
            : Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h2", 1)));

        var result = await client.ExecuteAsync("SELECT 1", cancellationToken: Ct);

        Assert.Equal("h2", result.StatementHandle);
        var requests = handler.Requests.ToArray();
        Assert.Equal("true", requests[0].Query("async"));
        Assert.Equal(3, requests.Count(r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath == "/api/v2/statements/h2"));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task ExecuteAsync_TransientStatus_RetriesWithSameRequestIdAndRetryFlag(HttpStatusCode failure)
    {
        var calls = 0;
        var (client, handler, _) = Fake.Create((_, _) =>
            ++calls <= 2 ? Fake.JsonTask(failure, """{"code":"390505","message":"Too many requests."}""")
            : Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h3", 1)));

        await client.ExecuteAsync("SELECT 1", cancellationToken: Ct);

        var posts = handler.Requests.ToArray();
        Assert.Equal(3, posts.Length);
        Assert.Single(posts.Select(p => p.Query("requestId")).Distinct());
        Assert.Equal([null, "true", "true"], posts.Select(p => p.Query("retry")));
    }

    [Fact]
    public async Task ExecuteAsync_AlwaysUnavailable_ThrowsTransientAfterMaxAttempts()
    {
        var (client, handler, _) = Fake.Create(
            (_, _) => Fake.JsonTask(HttpStatusCode.ServiceUnavailable, "{}"),
            Fake.FastOptions with { MaxAttempts = 4 });

        var ex = await Assert.ThrowsAsync<SnowflakeException>(() => client.ExecuteAsync("SELECT 1", cancellationToken: Ct));

        Assert.True(ex.IsTransient);
        Assert.Equal(503, ex.HttpStatus);
        Assert.Contains("4 times", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task ExecuteAsync_DroppedConnection_Retries()
    {
        var calls = 0;
        var (client, handler, _) = Fake.Create((_, _) =>
            ++calls == 1 ? throw new HttpRequestException("connection reset") : Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 1)));

        var result = await client.ExecuteAsync("SELECT 1", cancellationToken: Ct);

        Assert.Equal("h", result.StatementHandle);
        Assert.Equal("true", handler.Requests.Last().Query("retry"));
    }

    [Fact]
    public async Task ExecuteAsync_Unauthorized_RenewsTokenOnceAndRetries()
    {
        var (client, handler, tokens) = Fake.Create((r, _) =>
            r.Authorization == "Bearer secret-tok-1"
                ? Fake.JsonTask(HttpStatusCode.Unauthorized, """{"code":"390303","message":"Invalid OAuth access token."}""")
                : Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 1)));

        await client.ExecuteAsync("SELECT 1", cancellationToken: Ct);

        Assert.Equal(1, tokens.ForcedRenewals);
        Assert.Equal(["Bearer secret-tok-1", "Bearer secret-tok-2"], handler.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task ExecuteAsync_UnauthorizedTwice_ThrowsWithoutToken()
    {
        var (client, _, tokens) = Fake.Create((_, _) =>
            Fake.JsonTask(HttpStatusCode.Unauthorized, """{"code":"390303","message":"Invalid OAuth access token."}"""));

        var ex = await Assert.ThrowsAsync<SnowflakeException>(() => client.ExecuteAsync("SELECT 1", cancellationToken: Ct));

        Assert.Equal((401, "390303"), (ex.HttpStatus, ex.Code));
        Assert.Equal(1, tokens.ForcedRenewals);
        Assert.DoesNotContain("secret-tok", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_Unprocessable_ThrowsSnowflakeExceptionWithFields()
    {
        var (client, _, _) = Fake.Create((_, _) => Fake.JsonTask(
            HttpStatusCode.UnprocessableEntity,
            """{"code":"000904","message":"SQL compilation error: error line 1 at position 7\ninvalid identifier 'AFAF'","sqlState":"42000","statementHandle":"h4"}"""));

        var ex = await Assert.ThrowsAsync<SnowflakeException>(() => client.ExecuteAsync("SELECT AFAF FROM T WHERE X = 'literal'", cancellationToken: Ct));

        Assert.Equal((422, "000904", "42000", "h4"), (ex.HttpStatus, ex.Code, ex.SqlState, ex.StatementHandle));
        Assert.Contains("invalid identifier 'AFAF'", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.DoesNotContain("secret-tok", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("literal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_RequestTimeout_ThrowsTimeoutError()
    {
        var (client, _, _) = Fake.Create((_, _) => Fake.JsonTask(
            HttpStatusCode.RequestTimeout, """{"code":"000630","message":"Statement reached its statement or warehouse timeout","statementHandle":"h5"}"""));

        var ex = await Assert.ThrowsAsync<SnowflakeException>(() => client.ExecuteAsync("SELECT 1", cancellationToken: Ct));

        Assert.Equal((408, "h5"), (ex.HttpStatus, ex.StatementHandle));
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_BadRequestHtml_ThrowsWithStatus()
    {
        var (client, _, _) = Fake.Create((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("<html>nope</html>"),
        }));

        var ex = await Assert.ThrowsAsync<SnowflakeException>(() => client.ExecuteAsync("SELECT 1", cancellationToken: Ct));

        Assert.Equal(404, ex.HttpStatus);
        Assert.False(ex.IsTransient);
        Assert.Contains("HTTP 404", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileRunning_SendsCancelAndThrows()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var (client, handler, _) = Fake.Create((r, _) =>
        {
            if (r.Uri.AbsolutePath.EndsWith("/cancel", StringComparison.Ordinal))
            {
                return Fake.JsonTask(HttpStatusCode.OK, """{"code":"000604","sqlState":"57014","message":"SQL execution canceled","statementHandle":"h6"}""");
            }

            if (r.Method == HttpMethod.Get)
            {
                cts.Cancel();
            }

            return Fake.JsonTask(HttpStatusCode.Accepted, Fake.Running("h6"));
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ExecuteAsync("SELECT SYSTEM$WAIT(60)", cancellationToken: cts.Token));

        var cancel = Assert.Single(handler.Requests, r => r.Uri.AbsolutePath == "/api/v2/statements/h6/cancel");
        Assert.Equal(HttpMethod.Post, cancel.Method);
    }

    [Fact]
    public async Task ExecuteAsync_NoTimeoutGiven_SendsTheClientDefaultOfSixHours()
    {
        var (client, handler, _) = Fake.Create((_, _) => Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 1)));

        await client.ExecuteAsync("SELECT 1", cancellationToken: Ct);

        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body!);
        Assert.Equal(21_600, body.RootElement.GetProperty("timeout").GetInt32());
    }

    [Fact]
    public async Task ExecuteAsync_ClientDefaultTimeoutNull_SendsNoTimeout()
    {
        var (client, handler, _) = Fake.Create(
            (_, _) => Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 1)), Fake.FastOptions with { StatementTimeout = null });

        await client.ExecuteAsync("SELECT 1", cancellationToken: Ct);

        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body!);
        Assert.False(body.RootElement.TryGetProperty("timeout", out _));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(604_800.5)]
    [InlineData(604_801.0)]
    public void StatementTimeout_ZeroNegativeOrOverSevenDays_IsRefusedEverywhere(double seconds)
    {
        var value = TimeSpan.FromSeconds(seconds);

        var statement = Assert.Throws<ArgumentOutOfRangeException>(() => new SnowflakeStatementOptions { Timeout = value });
        var client = Assert.Throws<ArgumentOutOfRangeException>(() => new SnowflakeClientOptions { StatementTimeout = value });
        var transfer = Assert.Throws<ArgumentOutOfRangeException>(() => new Snowferry.Transfer.TransferOptions { StatementTimeout = value });

        Assert.Equal(("Timeout", "StatementTimeout", "StatementTimeout"), (statement.ParamName, client.ParamName, transfer.ParamName));
        Assert.Contains(seconds <= 0 ? "Snowflake would read 0 as its 7-day maximum" : "at most 7 days", statement.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(1.0, 1)]
    [InlineData(604_800.0, 604_800)]
    public async Task ExecuteAsync_TimeoutWithinLimits_SentInWholeSecondsRoundedUp(double seconds, int sent)
    {
        var (client, handler, _) = Fake.Create((_, _) => Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 1)));

        await client.ExecuteAsync("SELECT 1", new SnowflakeStatementOptions { Timeout = TimeSpan.FromSeconds(seconds) }, Ct);

        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body!);
        Assert.Equal(sent, body.RootElement.GetProperty("timeout").GetInt32());
    }

    [Fact]
    public void RetryAfter_SecondsDateOrAbsent_IsTheDelayFromNow()
    {
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        static HttpResponseMessage With(Action<System.Net.Http.Headers.HttpResponseHeaders> set)
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            set(response.Headers);
            return response;
        }

        using var seconds = With(h => h.RetryAfter = new(TimeSpan.FromSeconds(7)));
        using var date = With(h => h.RetryAfter = new(now.AddSeconds(30)));
        using var past = With(h => h.RetryAfter = new(now.AddSeconds(-30)));
        using var none = With(_ => { });

        Assert.Equal(TimeSpan.FromSeconds(7), SnowflakeClient.RetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(30), SnowflakeClient.RetryAfter(date, now));
        Assert.Equal(TimeSpan.Zero, SnowflakeClient.RetryAfter(past, now));
        Assert.Null(SnowflakeClient.RetryAfter(none, now));
    }

    [Fact]
    public async Task CancelAsync_UnknownHandle_Throws()
    {
        var (client, _, _) = Fake.Create((_, _) => Fake.JsonTask(
            HttpStatusCode.UnprocessableEntity, """{"code":"000709","sqlState":"02000","message":"Statement not found","statementHandle":"x"}"""));

        var ex = await Assert.ThrowsAsync<SnowflakeException>(() => client.CancelAsync("x", Ct));

        Assert.Equal("000709", ex.Code);
    }

    [Fact]
    public void Constructor_NoBaseAddress_UsesSettings()
    {
        var http = new HttpClient(new FakeSnowflakeHandler((_, _) => Fake.JsonTask(HttpStatusCode.OK, "{}")));

        _ = new SnowflakeClient(http, Fake.Settings, new FakeTokens());

        Assert.Equal(new Uri("http://127.0.0.1:1/"), http.BaseAddress);
    }

    [Fact]
    public void Constructor_BadOptions_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnowflakeClient(
            new HttpClient(), Fake.Settings, new FakeTokens(), new SnowflakeClientOptions { PartitionPrefetch = 0 }));
}
