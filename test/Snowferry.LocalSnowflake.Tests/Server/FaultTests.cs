using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>The fault switches: failed requests, cut partition downloads, statement delay.</summary>
public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailNextRequests_429Twice_AnswersTooManyRequestsThenRecovers()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        sut.Server.Faults.FailNextRequests(2, 429);

        var first = await sut.PostStatementAsync("SELECT ROWS");
        var second = await sut.GetAsync($"/api/v2/statements/{Guid.NewGuid()}");
        var third = await sut.PostStatementAsync("SELECT ROWS");

        foreach (var refused in new[] { first, second })
        {
            Assert.Equal(429, (int)refused.Status);
            Assert.Equal("390505", refused.Code);
            Assert.Equal("Too many requests.", refused.Json.GetProperty("message").GetString());
        }

        Assert.Equal(200, (int)third.Status);
        Assert.Single(sut.Statements.Executed);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task FailNextRequests_ServerErrors_AnswerThatStatusWithJsonBody(int status)
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Server.Faults.FailNextRequests(1, status);

        var answer = await sut.PostStatementAsync("SELECT ROWS");

        Assert.Equal(status, (int)answer.Status);
        Assert.Contains("fault", answer.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailNextRequests_Zero_DisarmsThem()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        sut.Server.Faults.FailNextRequests(100, 503);

        sut.Server.Faults.FailNextRequests(0, 503);

        Assert.Equal(200, (int)(await sut.PostStatementAsync("SELECT ROWS")).Status);
    }

    [Fact]
    public async Task FailNextRequests_FromManyThreads_CountsDownExactly()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        sut.Server.Faults.FailNextRequests(10, 429);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => sut.PostStatementAsync("SELECT ROWS")));

        Assert.Equal(10, answers.Count(a => (int)a.Status == 429));
        Assert.Equal(20, answers.Count(a => (int)a.Status == 200));
    }

    [Fact]
    public async Task DropNextPartitionDownloads_CutsTheBodyThenServesWhole()
    {
        await using var sut = await ServerHarness.StartAsync(new LocalSnowflakeServerOptions { PartitionRowCount = 50 });
        sut.Statements.AddRows("SELECT ROWS", 200);
        var handle = (await sut.PostStatementAsync("SELECT ROWS")).Handle;
        sut.Server.Faults.DropNextPartitionDownloads(1);

        using (var request = sut.Request(HttpMethod.Get, $"/api/v2/statements/{handle}?partition=1"))
        {
            using var response = await sut.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
            var stream = await response.Content.ReadAsStreamAsync(Ct);
            await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(Stream.Null, Ct));
        }

        var whole = await sut.GetAsync($"/api/v2/statements/{handle}?partition=1");
        var json = ProtocolGoldenTests.Parse(ProtocolGoldenTests.Gunzip(whole.Bytes));
        Assert.Equal(50, json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task DropNextPartitionDownloads_LeavesStatementResponsesAlone()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 5);
        sut.Server.Faults.DropNextPartitionDownloads(1);

        var posted = await sut.PostStatementAsync("SELECT ROWS");
        var partitionZero = await sut.GetAsync(posted.StatusUrl);

        Assert.Equal(200, (int)posted.Status);
        Assert.Equal(200, (int)partitionZero.Status);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => sut.GetAsync($"/api/v2/statements/{posted.Handle}?partition=1"));
        Assert.True(error is HttpRequestException or IOException, error.ToString());
    }

    [Fact]
    public async Task StatementDelay_HoldsEveryStatementThatLong()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        sut.Server.Faults.StatementDelay = TimeSpan.FromMilliseconds(400);
        var started = TimeProvider.System.GetTimestamp();

        var answer = await sut.PostStatementAsync("SELECT ROWS");

        Assert.Equal(200, (int)answer.Status);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(380));
    }
}
