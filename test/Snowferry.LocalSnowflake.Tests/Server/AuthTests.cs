using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>Credentials are checked for real on every request: JWT signature, claims and times; PATs.</summary>
public sealed class AuthTests
{
    private static async Task<Answer> SelectAsync(ServerHarness sut, string token, string? tokenType = "KEYPAIR_JWT")
    {
        sut.Statements.AddRows("SELECT ROWS", 1);
        return await sut.SendAsync(sut.Request(HttpMethod.Post, "/api/v2/statements", ServerHarness.Body("SELECT ROWS"), token, tokenType));
    }

    private static void AssertRefused(Answer answer, string code, string token)
    {
        Assert.Equal(401, (int)answer.Status);
        Assert.Equal(code, answer.Code);
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("message").GetString()));
        Assert.DoesNotContain(token, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_GoodJwt_IsAccepted()
    {
        await using var sut = await ServerHarness.StartAsync();

        var answer = await SelectAsync(sut, sut.Jwt());

        Assert.Equal(200, (int)answer.Status);
    }

    [Fact]
    public async Task Submit_JwtWithoutTokenTypeHeader_IsSniffedAndAccepted()
    {
        await using var sut = await ServerHarness.StartAsync();

        var answer = await SelectAsync(sut, sut.Jwt(), tokenType: null);

        Assert.Equal(200, (int)answer.Status);
    }

    [Fact]
    public async Task Submit_JwtSignedByUnregisteredKey_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        using var other = RSA.Create(2048);
        var token = sut.Jwt(signWith: other, fingerprintOf: other);

        AssertRefused(await SelectAsync(sut, token), "390144", token);
    }

    [Fact]
    public async Task Submit_JwtNamingRegisteredFingerprintButSignedByAnotherKey_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        using var other = RSA.Create(2048);
        var token = sut.Jwt(signWith: other);

        AssertRefused(await SelectAsync(sut, token), "390144", token);
    }

    [Fact]
    public async Task Submit_TamperedPayload_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        var parts = sut.Jwt().Split('.');
        var forged = sut.Jwt(lifetime: TimeSpan.FromHours(5)).Split('.')[1];
        var token = $"{parts[0]}.{forged}.{parts[2]}";

        AssertRefused(await SelectAsync(sut, token), "390144", token);
    }

    [Fact]
    public async Task Submit_ExpiredJwt_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        var token = sut.Jwt(issuedAt: sut.Time.GetUtcNow() - TimeSpan.FromHours(2), lifetime: TimeSpan.FromMinutes(59));

        AssertRefused(await SelectAsync(sut, token), "390144", token);
    }

    [Fact]
    public async Task Submit_JwtIssuedOverAnHourAgoThoughNotExpired_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        var token = sut.Jwt(issuedAt: sut.Time.GetUtcNow() - TimeSpan.FromMinutes(70), lifetime: TimeSpan.FromHours(3));

        AssertRefused(await SelectAsync(sut, token), "390144", token);
    }

    [Fact]
    public async Task Submit_JwtIssuedInTheFuture_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        var token = sut.Jwt(issuedAt: sut.Time.GetUtcNow() + TimeSpan.FromMinutes(10));

        AssertRefused(await SelectAsync(sut, token), "390144", token);
    }

    [Fact]
    public async Task Submit_JwtWithinAMinuteOfSkew_IsAccepted()
    {
        await using var sut = await ServerHarness.StartAsync();
        var token = sut.Jwt(issuedAt: sut.Time.GetUtcNow() + TimeSpan.FromSeconds(30));

        Assert.Equal(200, (int)(await SelectAsync(sut, token)).Status);
    }

    [Fact]
    public async Task Submit_JwtSubjectNotMatchingIssuer_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        var token = sut.Jwt(subject: "LOCALSNOWFLAKE.SOMEONE_ELSE");

        AssertRefused(await SelectAsync(sut, token), "390144", token);
    }

    [Fact]
    public async Task Submit_JwtForAnotherAccount_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        var token = sut.Jwt(account: "OTHERACCOUNT");

        AssertRefused(await SelectAsync(sut, token), "390144", token);
    }

    [Fact]
    public async Task Submit_JwtForAnotherUser_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        var token = sut.Jwt(user: "INTRUDER");

        AssertRefused(await SelectAsync(sut, token), "390144", token);
    }

    [Fact]
    public async Task Submit_Garbage_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();

        AssertRefused(await SelectAsync(sut, "eyJ.not.ajwt"), "390144", "eyJ.not.ajwt");
    }

    [Fact]
    public async Task Submit_RegisteredPat_IsAcceptedAndAWrongOneRefused()
    {
        await using var sut = await ServerHarness.StartAsync();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        sut.Server.RegisterProgrammaticAccessToken(ServerHarness.User, secret);

        Assert.Equal(200, (int)(await SelectAsync(sut, secret, "PROGRAMMATIC_ACCESS_TOKEN")).Status);
        Assert.Equal(200, (int)(await SelectAsync(sut, secret, tokenType: null)).Status);
        // One character changed, always: a fixed suffix equals the random secret's own 1 time in 256.
        var wrong = secret[..^1] + (secret[^1] == '0' ? "1" : "0");
        AssertRefused(await SelectAsync(sut, wrong, "PROGRAMMATIC_ACCESS_TOKEN"), "390303", wrong);
    }

    [Fact]
    public async Task Submit_JwtPresentedAsPat_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        var token = sut.Jwt();

        AssertRefused(await SelectAsync(sut, token, "PROGRAMMATIC_ACCESS_TOKEN"), "390303", token);
    }

    [Fact]
    public async Task Requests_WithoutAuthorizationHeader_Are401OnEveryEndpoint()
    {
        await using var sut = await ServerHarness.StartAsync();
        var requests = new[]
        {
            sut.Request(HttpMethod.Post, "/api/v2/statements", ServerHarness.Body("SELECT ROWS")),
            sut.Request(HttpMethod.Get, $"/api/v2/statements/{Guid.NewGuid()}"),
            sut.Request(HttpMethod.Post, $"/api/v2/statements/{Guid.NewGuid()}/cancel"),
        };

        foreach (var request in requests)
        {
            request.Headers.Authorization = null;
            var answer = await sut.SendAsync(request);
            Assert.Equal(401, (int)answer.Status);
            Assert.Equal("390101", answer.Code);
        }

        Assert.Empty(sut.Statements.Executed);
    }

    [Fact]
    public async Task Submit_BasicAuthorization_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();
        var request = sut.Request(HttpMethod.Post, "/api/v2/statements", ServerHarness.Body("SELECT ROWS"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        Assert.Equal(401, (int)(await sut.SendAsync(request)).Status);
    }

    [Fact]
    public async Task Submit_OAuthToken_Is401()
    {
        await using var sut = await ServerHarness.StartAsync();

        AssertRefused(await SelectAsync(sut, "some-oauth-token", "OAUTH"), "390303", "some-oauth-token");
    }
}
