using Microsoft.Extensions.Time.Testing;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Configuration;
using Snowferry.Tests.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Authentication;

public sealed class SnowflakeTokenProvidersTests : IDisposable
{
    private readonly TempSnowflakeHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Create_KeyPairConnectionFromToml_SignsJwt()
    {
        var key = _home.Write(".snowflake/rsa_key.p8", TestKeys.EncryptedPkcs8);
        _home.Write(".snowflake/connections.toml",
            $"[default]\naccount = \"myorg-myaccount\"\nuser = \"me\"\nprivate_key_file = \"{key}\"\n");
        _home.Variables["PRIVATE_KEY_PASSPHRASE"] = TestKeys.Passphrase;
        var settings = SnowflakeConnections.Load(_home.Options());

        var provider = SnowflakeTokenProviders.Create(settings, new FakeTimeProvider());
        var token = await provider.GetTokenAsync(false, TestContext.Current.CancellationToken);

        Assert.IsType<KeyPairJwtTokenProvider>(provider);
        Assert.Equal(SnowflakeTokenTypes.KeyPairJwt, token.TokenType);
        Assert.Equal(3, token.Value.Split('.').Length);
        ((IDisposable)provider).Dispose();
    }

    [Theory]
    [InlineData("PROGRAMMATIC_ACCESS_TOKEN", "PROGRAMMATIC_ACCESS_TOKEN")]
    [InlineData("OAUTH", "OAUTH")]
    public async Task Create_TokenConnection_ReturnsStaticProvider(string authenticator, string tokenType)
    {
        var settings = new SnowflakeConnectionSettings { Account = "a", User = "u", Authenticator = authenticator, Token = "tok" };

        var provider = SnowflakeTokenProviders.Create(settings);
        var token = await provider.GetTokenAsync(false, TestContext.Current.CancellationToken);

        Assert.IsType<StaticTokenProvider>(provider);
        Assert.Equal(new SnowflakeToken("tok", tokenType), token);
    }

    [Theory]
    [InlineData("EXTERNALBROWSER")]
    [InlineData("SNOWFLAKE")]
    [InlineData("USERNAME_PASSWORD_MFA")]
    public void Create_UnsupportedAuthenticator_ThrowsClearError(string authenticator)
    {
        var settings = new SnowflakeConnectionSettings { Account = "a", User = "u", Authenticator = authenticator };

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeTokenProviders.Create(settings));

        Assert.Contains($"'{authenticator}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SNOWFLAKE_JWT", ex.Message, StringComparison.Ordinal);
    }
}
