using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Tests.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Authentication;

public sealed class StaticTokenProviderTests : IDisposable
{
    private readonly TempSnowflakeHome _home = new();

    public void Dispose() => _home.Dispose();

    private static SnowflakeConnectionSettings Settings(string authenticator, string? token = null, string? tokenFile = null) => new()
    {
        Name = "t",
        Account = "a",
        User = "u",
        Authenticator = authenticator,
        Token = token,
        TokenFilePath = tokenFile,
    };

    [Theory]
    [InlineData("PROGRAMMATIC_ACCESS_TOKEN", "PROGRAMMATIC_ACCESS_TOKEN")]
    [InlineData("OAUTH", "OAUTH")]
    [InlineData("oauth", "OAUTH")]
    public async Task GetTokenAsync_Token_ReturnsItWithType(string authenticator, string tokenType)
    {
        var provider = new StaticTokenProvider(Settings(authenticator, "tok-1"));

        var token = await provider.GetTokenAsync(false, TestContext.Current.CancellationToken);

        Assert.Equal(new SnowflakeToken("tok-1", tokenType), token);
    }

    [Fact]
    public async Task GetTokenAsync_TokenFile_ReReadOnlyOnForceRenew()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = _home.Write("pat.txt", "first\n");
        var provider = new StaticTokenProvider(Settings("PROGRAMMATIC_ACCESS_TOKEN", tokenFile: file), _home.Environment());
        Assert.Equal("first", (await provider.GetTokenAsync(false, ct)).Value);

        _home.Write("pat.txt", " second ");

        Assert.Equal("first", (await provider.GetTokenAsync(false, ct)).Value);
        Assert.Equal("second", (await provider.GetTokenAsync(true, ct)).Value);
        Assert.Equal("second", (await provider.GetTokenAsync(false, ct)).Value);
    }

    [Fact]
    public async Task GetTokenAsync_NoTokenFile_ForceRenewKeepsToken()
    {
        var provider = new StaticTokenProvider("tok", SnowflakeTokenTypes.OAuth);

        Assert.Equal("tok", (await provider.GetTokenAsync(true, TestContext.Current.CancellationToken)).Value);
    }

    [Fact]
    public void Constructor_NoToken_Throws()
    {
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => new StaticTokenProvider(Settings("OAUTH")));

        Assert.Contains("no token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_KeyPairSettings_Throws() =>
        Assert.Throws<SnowflakeConfigurationException>(() => new StaticTokenProvider(Settings("SNOWFLAKE_JWT", "t")));

    [Fact]
    public void ToString_Token_HidesValue()
    {
        var token = new SnowflakeToken("very-secret", SnowflakeTokenTypes.ProgrammaticAccessToken);

        Assert.DoesNotContain("very-secret", token.ToString(), StringComparison.Ordinal);
    }
}
