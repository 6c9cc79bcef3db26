using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Tests.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Authentication;

public sealed class KeyPairJwtTokenProviderTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempSnowflakeHome _home = new();
    private readonly FakeTimeProvider _time = new(s_start);

    public void Dispose() => _home.Dispose();

    private SnowflakeConnectionSettings Settings(string pem, string? passphrase = null, string account = "myorg-myaccount") => new()
    {
        Name = "test",
        Account = account,
        User = "etl_user",
        PrivateKeyFile = _home.Write("keys/rsa_key.p8", pem),
        PrivateKeyFilePassword = passphrase,
    };

    private static (JsonElement Header, JsonElement Claims, byte[] SignedPart, byte[] Signature) Parse(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return (
            JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement,
            JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement,
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            Base64Url.DecodeFromChars(parts[2]));
    }

    [Fact]
    public void ComputePublicKeyFingerprint_KnownKey_MatchesOpenSsl()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.Pkcs8);

        Assert.Equal(TestKeys.Fingerprint, KeyPairJwtTokenProvider.ComputePublicKeyFingerprint(rsa));
    }

    [Fact]
    public void ComputePublicKeyFingerprint_PublicKeyOnly_MatchesPrivateKey()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.PublicKey);

        Assert.Equal(TestKeys.Fingerprint, KeyPairJwtTokenProvider.ComputePublicKeyFingerprint(rsa));
    }

    [Fact]
    public async Task GetTokenAsync_PlainKey_IsSignedRs256JwtWithSnowflakeClaims()
    {
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.Pkcs8), _time);

        var token = await provider.GetTokenAsync(forceRenew: false, TestContext.Current.CancellationToken);

        Assert.Equal(SnowflakeTokenTypes.KeyPairJwt, token.TokenType);
        var (header, claims, signedPart, signature) = Parse(token.Value);
        Assert.Equal("""{"alg":"RS256","typ":"JWT"}""", header.GetRawText());
        Assert.Equal("MYORG-MYACCOUNT.ETL_USER." + TestKeys.Fingerprint, claims.GetProperty("iss").GetString());
        Assert.Equal("MYORG-MYACCOUNT.ETL_USER", claims.GetProperty("sub").GetString());
        Assert.Equal(s_start.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(s_start.AddMinutes(59).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(TestKeys.PublicKey);
        Assert.True(publicKey.VerifyData(signedPart, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("myorg-myaccount", "MYORG-MYACCOUNT")]
    [InlineData("xy12345", "XY12345")]
    [InlineData("xy12345.us-east-2.aws", "XY12345")]
    [InlineData("xy12345.west-us-2.azure", "XY12345")]
    [InlineData("myorg-myaccount.privatelink", "MYORG-MYACCOUNT")]
    [InlineData("xy12345-abc.global", "XY12345")]
    public void NormalizeAccount_AccountForms_FollowPythonConnector(string account, string expected) =>
        Assert.Equal(expected, KeyPairJwtTokenProvider.NormalizeAccount(account));

    [Fact]
    public void Constructor_LocatorWithRegion_UsesLocatorInClaims()
    {
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.Pkcs8, account: "xy12345.us-east-2.aws"), _time);

        Assert.Equal("XY12345.ETL_USER", provider.Subject);
        Assert.Equal("XY12345.ETL_USER." + TestKeys.Fingerprint, provider.Issuer);
    }

    [Fact]
    public void Constructor_Pkcs1Key_GivesSameFingerprint()
    {
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.Pkcs1), _time);

        Assert.Equal(TestKeys.Fingerprint, provider.PublicKeyFingerprint);
    }

    [Fact]
    public void Constructor_EncryptedKeyRightPassphrase_Loads()
    {
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.EncryptedPkcs8, TestKeys.Passphrase), _time);

        Assert.Equal(TestKeys.Fingerprint, provider.PublicKeyFingerprint);
    }

    [Fact]
    public void Constructor_EncryptedKeyWrongPassphrase_ThrowsWithoutPassphrase()
    {
        const string Wrong = "not-the-passphrase-77";

        var ex = Assert.Throws<SnowflakeConfigurationException>(
            () => new KeyPairJwtTokenProvider(Settings(TestKeys.EncryptedPkcs8, Wrong), _time));

        Assert.Contains("Cannot decrypt the private key file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("passphrase", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EncryptedKeyNoPassphrase_SaysToSetOne()
    {
        var ex = Assert.Throws<SnowflakeConfigurationException>(
            () => new KeyPairJwtTokenProvider(Settings(TestKeys.EncryptedPkcs8), _time));

        Assert.Contains("encrypted but no passphrase is set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PRIVATE_KEY_PASSPHRASE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PlainKeyWithPassphrase_IgnoresPassphrase()
    {
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.Pkcs8, "unused"), _time);

        Assert.Equal(TestKeys.Fingerprint, provider.PublicKeyFingerprint);
    }

    [Theory]
    [InlineData("not a key at all")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n")]
    public void Constructor_UnreadableKey_ThrowsConfigurationError(string content)
    {
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => new KeyPairJwtTokenProvider(Settings(content), _time));

        Assert.Contains("needs an RSA private key in PKCS#8 PEM", ex.Message, StringComparison.Ordinal);
    }

    private static SnowflakeConnectionSettings RawSettings(string pem, string? passphrase = null) => new()
    {
        Name = "ci",
        Account = "myorg-myaccount",
        User = "etl_user",
        PrivateKeyRaw = pem,
        PrivateKeyFilePassword = passphrase,
    };

    [Theory]
    [InlineData(TestKeys.Pkcs8, null)]
    [InlineData(TestKeys.Pkcs1, null)]
    [InlineData(TestKeys.EncryptedPkcs8, TestKeys.Passphrase)]
    public void Constructor_KeyGivenAsText_Loads(string pem, string? passphrase)
    {
        using var provider = new KeyPairJwtTokenProvider(RawSettings(pem, passphrase), _time);

        Assert.Equal(TestKeys.Fingerprint, provider.PublicKeyFingerprint);
    }

    [Fact]
    public void Constructor_KeyGivenAsTextWrongPassphrase_ThrowsWithoutKeyOrPassphrase()
    {
        const string Wrong = "not-the-passphrase-78";

        var ex = Assert.Throws<SnowflakeConfigurationException>(
            () => new KeyPairJwtTokenProvider(RawSettings(TestKeys.EncryptedPkcs8, Wrong), _time));

        Assert.Contains("Connection 'ci': Cannot decrypt the private key given as text", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.EncryptedPkcs8.Split('\n')[1], ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCx8TUW1ZA8FKEC")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEF\n-----END PRIVATE KEY-----\n")]
    public void Constructor_UnreadableKeyText_SaysWhatIsNeededWithoutTheText(string text)
    {
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => new KeyPairJwtTokenProvider(RawSettings(text), _time));

        Assert.Contains("private key given as text", ex.Message, StringComparison.Ordinal);
        Assert.Contains("needs an RSA private key in PKCS#8 PEM", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIEvgIBADANBgkqhkiG9w0BAQEF", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_KeyFileAndText_UsesTheFile()
    {
        var settings = Settings(TestKeys.Pkcs8) with { PrivateKeyRaw = "not a key" };

        using var provider = new KeyPairJwtTokenProvider(settings, _time);

        Assert.Equal(TestKeys.Fingerprint, provider.PublicKeyFingerprint);
    }

    [Fact]
    public void Constructor_MissingKeyFile_ThrowsConfigurationError()
    {
        var settings = Settings(TestKeys.Pkcs8) with { PrivateKeyFile = Path.Combine(_home.Home, "missing.p8") };

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => new KeyPairJwtTokenProvider(settings, _time));

        Assert.Contains("missing.p8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_BeforeRenewalMargin_ReturnsCachedToken()
    {
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.Pkcs8), _time);
        var ct = TestContext.Current.CancellationToken;
        var first = await provider.GetTokenAsync(false, ct);

        _time.Advance(TimeSpan.FromMinutes(53));
        var second = await provider.GetTokenAsync(false, ct);

        Assert.Equal(first.Value, second.Value);
    }

    [Fact]
    public async Task GetTokenAsync_WithinRenewalMargin_IssuesNewToken()
    {
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.Pkcs8), _time);
        var ct = TestContext.Current.CancellationToken;
        var first = await provider.GetTokenAsync(false, ct);

        _time.Advance(TimeSpan.FromMinutes(54));
        var second = await provider.GetTokenAsync(false, ct);

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), Parse(second.Value).Claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task GetTokenAsync_ForceRenew_IssuesNewToken()
    {
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.Pkcs8), _time);
        var ct = TestContext.Current.CancellationToken;
        var first = await provider.GetTokenAsync(false, ct);

        _time.Advance(TimeSpan.FromSeconds(1));
        var cached = await provider.GetTokenAsync(false, ct);
        var renewed = await provider.GetTokenAsync(true, ct);

        Assert.Equal(first.Value, cached.Value);
        Assert.NotEqual(first.Value, renewed.Value);
    }

    [Fact]
    public async Task GetTokenAsync_CustomLifetime_SetsExp()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.Pkcs8);
        using var provider = new KeyPairJwtTokenProvider("acct", "u", rsa, _time, TimeSpan.FromMinutes(10));

        var token = await provider.GetTokenAsync(false, TestContext.Current.CancellationToken);

        var claims = Parse(token.Value).Claims;
        Assert.Equal(600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public void Constructor_LifetimeOverAnHour_Throws()
    {
        using var rsa = RSA.Create(2048);

        Assert.Throws<ArgumentOutOfRangeException>(
            () => new KeyPairJwtTokenProvider("acct", "u", rsa, _time, TimeSpan.FromMinutes(61)));
    }

    [Fact]
    public async Task GetTokenAsync_Cancelled_Throws()
    {
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.Pkcs8), _time);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await provider.GetTokenAsync(false, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task GetTokenAsync_WithLogger_LogsIssueButNotTheToken()
    {
        var logger = new ListLogger();
        using var provider = new KeyPairJwtTokenProvider(Settings(TestKeys.Pkcs8), _time, logger);

        var token = await provider.GetTokenAsync(false, TestContext.Current.CancellationToken);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(1010, entry.Id.Id);
        Assert.Contains("MYORG-MYACCOUNT.ETL_USER", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Value.Split('.')[2], entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Constructor_DerKey_Loads(bool encrypted)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.Pkcs8);
        var der = encrypted
            ? rsa.ExportEncryptedPkcs8PrivateKey(
                TestKeys.Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000))
            : rsa.ExportPkcs8PrivateKey();
        var path = _home.Write("keys/rsa_key.der", "");
        File.WriteAllBytes(path, der);
        var settings = Settings(TestKeys.Pkcs8, encrypted ? TestKeys.Passphrase : null) with { PrivateKeyFile = path };

        using var provider = new KeyPairJwtTokenProvider(settings, _time);

        Assert.Equal(TestKeys.Fingerprint, provider.PublicKeyFingerprint);
    }

    [Fact]
    public void Constructor_LegacyEncryptedPkcs1_SaysHowToConvert()
    {
        const string Legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => new KeyPairJwtTokenProvider(Settings(Legacy, "pw"), _time));

        Assert.Contains("legacy OpenSSL PEM encryption", ex.Message, StringComparison.Ordinal);
    }
}
