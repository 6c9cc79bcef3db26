using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Testing;

namespace Snowferry.Tests.Integration;

/// <summary>Authentication against the local Snowflake, which checks JWTs and tokens for real.</summary>
public sealed class SnowflakeClientAuthTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecuteAsync_RegisteredKeyPair_IsAccepted()
    {
        using var handle = fixture.CreateClient();

        var result = await handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct);

        Assert.Equal(1, result.RowCount);
    }

    [Fact]
    public async Task ExecuteAsync_KeyNotRegistered_IsRefusedWith401()
    {
        using var temp = new TempDirectory();
        var keyPath = Path.Combine(temp.Path, "other_key.p8");
        using (var other = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyPath, other.ExportPkcs8PrivateKeyPem(), Ct);
        }

        var settings = fixture.Settings with { PrivateKeyFile = keyPath };
        using var handle = fixture.CreateClient(settings: settings);

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct));

        Assert.Equal(401, error.HttpStatus);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task ExecuteAsync_TokenExpired_IsRefusedWith401()
    {
        // A clock two hours behind signs tokens that expired before the server reads them.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow() - TimeSpan.FromHours(2));
        var tokens = new KeyPairJwtTokenProvider(fixture.Settings, clock);
        using var handle = fixture.CreateClient(tokens: tokens);

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct));

        Assert.Equal(401, error.HttpStatus);
    }

    [Fact]
    public async Task ExecuteAsync_ProgrammaticAccessToken_IsAcceptedAndAWrongOneRefused()
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        fixture.Snowflake.Host.Server.RegisterProgrammaticAccessToken(fixture.Settings.User, secret);
        var pat = fixture.Settings with
        {
            Authenticator = SnowflakeAuthenticators.ProgrammaticAccessToken,
            PrivateKeyFile = null,
            Token = secret,
        };
        using (var handle = fixture.CreateClient(settings: pat))
        {
            var result = await handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct);
            Assert.Equal(1, result.RowCount);
        }

        var wrong = pat with { Token = secret[..^2] + "00" };
        using (var handle = fixture.CreateClient(settings: wrong))
        {
            var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct));
            Assert.Equal(401, error.HttpStatus);
            Assert.DoesNotContain(wrong.Token, error.ToString(), StringComparison.Ordinal);
        }
    }
}
