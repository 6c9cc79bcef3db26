using System.Text;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>Refusals before a statement exists: media types, headers, payloads, paths and methods.</summary>
public sealed class HeaderAndPayloadTests
{
    [Fact]
    public async Task Submit_ContentTypeNotJson_Is415()
    {
        await using var sut = await ServerHarness.StartAsync();
        var request = sut.Request(HttpMethod.Post, "/api/v2/statements");
        request.Content = new StringContent(ServerHarness.Body("SELECT 1"), Encoding.UTF8, "text/plain");

        var answer = await sut.SendAsync(request);

        Assert.Equal(415, (int)answer.Status);
        Assert.Empty(sut.Statements.Executed);
    }

    [Fact]
    public async Task Submit_ContentTypeJsonWithCharset_IsAccepted()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);

        var answer = await sut.PostStatementAsync("SELECT ROWS");

        Assert.Equal(200, (int)answer.Status);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("{}")]
    [InlineData("{\"statement\":42}")]
    [InlineData("{\"statement\":\"SELECT 1\",\"timeout\":\"soon\"}")]
    [InlineData("{\"statement\":\"SELECT 1\",\"bindings\":{\"x\":{\"type\":\"TEXT\",\"value\":\"a\"}}}")]
    [InlineData("{\"statement\":\"SELECT 1\",\"bindings\":{\"2\":{\"type\":\"TEXT\",\"value\":\"a\"}}}")]
    [InlineData("{\"statement\":\"SELECT 1\",\"parameters\":{\"MULTI_STATEMENT_COUNT\":\"many\"}}")]
    public async Task Submit_InvalidPayload_Is400With390142(string body)
    {
        await using var sut = await ServerHarness.StartAsync();

        var answer = await sut.SendAsync(sut.Request(HttpMethod.Post, "/api/v2/statements", body));

        Assert.Equal(400, (int)answer.Status);
        Assert.Equal("390142", answer.Code);
        Assert.Equal("Incoming request does not contain a valid payload.", answer.Json.GetProperty("message").GetString());
        Assert.Empty(sut.Statements.Executed);
    }

    [Fact]
    public async Task Submit_BindingsOutOfOrder_ReachTheEngineInIndexOrder()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ?, ?", 1);

        var answer = await sut.PostStatementAsync(
            "SELECT ?, ?", extra: "\"bindings\":{\"2\":{\"type\":\"FIXED\",\"value\":\"2\"},\"1\":{\"type\":\"TEXT\",\"value\":null}}");

        Assert.Equal(200, (int)answer.Status);
        var context = Assert.Single(sut.Statements.Executed).Context;
        Assert.Equal([new("TEXT", null), new("FIXED", "2")], context.Bindings!);
    }

    [Fact]
    public async Task Submit_AcceptNotJson_Is406()
    {
        await using var sut = await ServerHarness.StartAsync();
        var request = sut.Request(HttpMethod.Post, "/api/v2/statements", ServerHarness.Body("SELECT 1"));
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("text/html");

        Assert.Equal(406, (int)(await sut.SendAsync(request)).Status);
    }

    [Fact]
    public async Task Submit_AcceptAnything_IsAccepted()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);
        var request = sut.Request(HttpMethod.Post, "/api/v2/statements", ServerHarness.Body("SELECT ROWS"));
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("*/*");

        Assert.Equal(200, (int)(await sut.SendAsync(request)).Status);
    }

    [Fact]
    public async Task Submit_WithoutUserAgent_Is400()
    {
        await using var sut = await ServerHarness.StartAsync();
        var request = sut.Request(HttpMethod.Post, "/api/v2/statements", ServerHarness.Body("SELECT 1"));
        request.Headers.UserAgent.Clear();

        Assert.Equal(400, (int)(await sut.SendAsync(request)).Status);
    }

    [Fact]
    public async Task Request_UnknownPath_Is404()
    {
        await using var sut = await ServerHarness.StartAsync();

        Assert.Equal(404, (int)(await sut.GetAsync("/api/v2/nothing")).Status);
    }

    [Fact]
    public async Task Request_WrongMethod_Is405()
    {
        await using var sut = await ServerHarness.StartAsync();

        var answer = await sut.SendAsync(sut.Request(HttpMethod.Delete, "/api/v2/statements"));

        Assert.Equal(405, (int)answer.Status);
    }

    [Fact]
    public async Task Submit_EmptyStatement_Is422EmptySqlStatement()
    {
        await using var sut = await ServerHarness.StartAsync();

        var answer = await sut.PostStatementAsync("  ;  ");

        Assert.Equal(422, (int)answer.Status);
        Assert.Equal("000900", answer.Code);
        Assert.Empty(sut.Statements.Executed);
    }
}
