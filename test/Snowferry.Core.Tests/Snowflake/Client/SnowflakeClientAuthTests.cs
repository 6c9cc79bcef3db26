using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Configuration;
using Snowferry.Testing;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>Authentication against the local Snowflake, which checks JWTs and tokens for real.</summary>
public sealed partial class SnowflakeClientAuthTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>
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

        // One character changed, always: a fixed suffix equals the random secret's own 1 time in 256.
        var wrong = pat with { Token = secret[..^1] + (secret[^1] == '0' ? "1" : "0") };
        using (var handle = fixture.CreateClient(settings: wrong))
        {
            var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct));
            Assert.Equal(401, error.HttpStatus);
            Assert.DoesNotContain(wrong.Token, error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ExecuteAsync_WrongProgrammaticAccessToken_HintMentionsNetworkPolicy()
    {
        var wrong = fixture.Settings with
        {
            Authenticator = SnowflakeAuthenticators.ProgrammaticAccessToken,
            PrivateKeyFile = null,
            Token = "not-a-registered-pat-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
        };
        using var handle = fixture.CreateClient(settings: wrong);

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct));

        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("programmatic access token", error.Message, StringComparison.Ordinal);
        Assert.Contains("network policy", error.Message, StringComparison.Ordinal);
        Assert.Contains("NETWORK_POLICY_EVALUATION", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong.Token, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SNOWFLAKE_PRIVATE_KEY_RAW", false)]
    [InlineData("SNOWFLAKE_CONNECTIONS_LOCAL_PRIVATE_KEY_RAW", false)]
    [InlineData("SNOWFLAKE_PRIVATE_KEY_RAW", true)]
    public async Task ExecuteAsync_KeyOnlyInEnvironmentVariable_IsAccepted(string variable, bool encrypted)
    {
        // The key reaches snowferry only as text in a variable, as CI systems pass secrets: the connections.toml has no
        // key path, and the environment is a fake one so no other test sees the variables.
        using var temp = new TempDirectory();
        var pem = await File.ReadAllTextAsync(fixture.Settings.PrivateKeyFile!, Ct);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (encrypted)
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            pem = rsa.ExportEncryptedPkcs8PrivateKeyPem("ci-passphrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));
            variables["PRIVATE_KEY_PASSPHRASE"] = "ci-passphrase";
        }

        variables[variable] = pem;
        var toml = PrivateKeyFileLine().Replace(await File.ReadAllTextAsync(fixture.Snowflake.Host.ConnectionsFilePath, Ct), "");
        var tomlPath = temp.Combine("connections.toml");
        await File.WriteAllTextAsync(tomlPath, toml, Ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tomlPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var settings = SnowflakeConnections.Load(new SnowflakeConnectionOptions
        {
            ConnectionsFile = tomlPath,
            ConnectionName = fixture.Snowflake.Host.ConnectionName,
            Environment = new SnowflakeEnvironment { GetVariable = variables.GetValueOrDefault, HomeDirectory = temp.Path },
        });
        using var handle = fixture.CreateClient(settings: settings);

        var result = await handle.Client.ExecuteAsync("SELECT 1", cancellationToken: Ct);

        Assert.Null(settings.PrivateKeyFile);
        Assert.Equal(1, result.RowCount);
    }

    [GeneratedRegex("^private_key_file = .*$", RegexOptions.Multiline)]
    private static partial Regex PrivateKeyFileLine();
}
