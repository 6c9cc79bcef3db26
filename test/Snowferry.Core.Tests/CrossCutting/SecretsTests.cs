using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Amazon.S3;
using Snowferry.Destinations;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Testing;
using Snowferry.Tests.Destinations.S3;
using Snowferry.Tests.Transfer;
using Snowferry.Transfer;

namespace Snowferry.Tests.CrossCutting;

/// <summary>
/// Recognisable secrets (a private key's passphrase, a programmatic access token, an AWS secret access key, the PEM
/// body, from a file or given as text) through transfers that succeed and that fail; all log output at Trace, every
/// exception's <c>ToString()</c>, the reports and the connection's description are searched for them.
/// </summary>
public sealed partial class SecretsTests(ReliabilityFixture fixture) : IClassFixture<ReliabilityFixture>, IDisposable
{
    private const string Passphrase = "Passphrase-SNOWFERRY-SECRET-7f3a9c";
    private const string AwsSecret = "AwsSecret-SNOWFERRY-SECRET-Qm9vYmFy";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecordingLoggerFactory _logs = new();
    private readonly List<string> _outputs = [];

    [Fact]
    public async Task Transfers_WithSecrets_NeverShowThemInLogsErrorsOrReports()
    {
        using var temp = new TempDirectory();
        var pat = "Pat-SNOWFERRY-SECRET-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var wrongPat = "Pat-SNOWFERRY-SECRET-WRONG-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var settings = fixture.Transfer.Settings;
        var plainPem = await File.ReadAllTextAsync(settings.PrivateKeyFile!, Ct);
        var encryptedPath = temp.Combine("encrypted_key.p8");
        string encryptedPem;
        using (var rsa = RSA.Create())
        {
            rsa.ImportFromPem(plainPem);
            encryptedPem = rsa.ExportEncryptedPkcs8PrivateKeyPem(Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
        }

        await File.WriteAllTextAsync(encryptedPath, encryptedPem, Ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(encryptedPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var encrypted = settings with { PrivateKeyFile = encryptedPath, PrivateKeyFilePassword = Passphrase };
        fixture.Transfer.Snowflake.Host.Server.RegisterProgrammaticAccessToken(settings.User, pat);
        var withPat = settings with { Authenticator = SnowflakeAuthenticators.ProgrammaticAccessToken, PrivateKeyFile = null, Token = pat };
        var s3Config = fixture.Transfer.S3.CreateConfig();
        using var s3 = new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(fixture.Transfer.S3.Server.Options.AccessKeyId, AwsSecret), s3Config);
        using var denied = new DenyingS3Client(new Amazon.Runtime.BasicAWSCredentials(fixture.Transfer.S3.Server.Options.AccessKeyId, AwsSecret), fixture.Transfer.S3.CreateConfig());

        // Succeed: encrypted key with its passphrase, then a PAT; both to S3 with the AWS secret.
        _outputs.Add((await RunAsync(encrypted, s3, "secrets-ok-key")).ToJson());
        _outputs.Add((await RunAsync(withPat, s3, "secrets-ok-pat")).ToJson());
        _outputs.Add(encrypted.ToString());
        _outputs.Add(withPat.ToString());

        // A key given as text (private_key_raw, as CI passes it): encrypted, with its passphrase.
        var raw = settings with { PrivateKeyFile = null, PrivateKeyRaw = encryptedPem, PrivateKeyFilePassword = Passphrase };
        _outputs.Add((await RunAsync(raw, s3, "secrets-ok-raw")).ToJson());
        _outputs.Add(raw.ToString());
        string unregisteredPem;
        using (var other = RSA.Create(2048))
        {
            unregisteredPem = other.ExportPkcs8PrivateKeyPem();
        }

        // Fail: a wrong passphrase (key file and key text), a damaged and an unregistered key text, a wrong token, S3 denied.
        await FailAsync<SnowflakeConfigurationException>(encrypted with { PrivateKeyFilePassword = Passphrase + "-wrong" }, s3);
        await FailAsync<SnowflakeConfigurationException>(raw with { PrivateKeyFilePassword = Passphrase + "-wrong" }, s3);
        await FailAsync<SnowflakeConfigurationException>(raw with { PrivateKeyRaw = plainPem[..^40], PrivateKeyFilePassword = null }, s3);
        await FailAsync<SnowflakeException>(raw with { PrivateKeyRaw = unregisteredPem, PrivateKeyFilePassword = null }, s3);
        await FailAsync<SnowflakeException>(withPat with { Token = wrongPat }, s3);
        await FailAsync<DestinationException>(encrypted, denied);

        // The library's front door, reading a connections.toml that holds the passphrase, logging at Trace.
        var toml = PrivateKeyLine().Replace(await File.ReadAllTextAsync(fixture.Transfer.Snowflake.Host.ConnectionsFilePath, Ct), _ =>
            $"private_key_file = \"{encryptedPath}\"\nprivate_key_file_pwd = \"{Passphrase}\"");
        var tomlPath = temp.Combine("connections.toml");
        await File.WriteAllTextAsync(tomlPath, toml, Ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tomlPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        async Task<TransferReport> FromTomlAsync()
        {
            using var source = new SnowferryDataSourceBuilder().UseConnection(settings.Name, tomlPath).UseLoggerFactory(_logs).Build();
            return await source.TransferAsync("LOCATIONS_595", temp.Combine("out"), cancellationToken: Ct);
        }

        _outputs.Add((await FromTomlAsync()).ToJson());
        await File.WriteAllTextAsync(tomlPath, toml.Replace(Passphrase, Passphrase + "-wrong", StringComparison.Ordinal), Ct);
        var error = await Assert.ThrowsAsync<SnowflakeConfigurationException>(FromTomlAsync);
        _outputs.Add(error.ToString());

        Assert.NotEmpty(_logs.Entries);
        var everything = string.Join('\n', _outputs) + '\n' + _logs.All;
        string[] secrets = [Passphrase, pat, wrongPat, AwsSecret, .. PemBodyLines(plainPem), .. PemBodyLines(encryptedPem), .. PemBodyLines(unregisteredPem)];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    private async Task<TransferReport> RunAsync(SnowflakeConnectionSettings settings, IAmazonS3 s3, string prefix)
    {
        using var source = new SnowferryDataSourceBuilder()
            .UseConnectionSettings(settings)
            .UseSnowflakeClientOptions(new SnowflakeClientOptions { MaxAttempts = 2 })
            .UseS3Client(s3)
            .UseLoggerFactory(_logs)
            .Build();
        return await source.TransferAsync("LOCATIONS_595", $"s3://{fixture.Transfer.S3.Bucket}/{prefix}", new TransferOptions(), Ct);
    }

    private async Task FailAsync<TException>(SnowflakeConnectionSettings settings, IAmazonS3 s3)
        where TException : Exception
    {
        var error = await Assert.ThrowsAsync<TException>(async () =>
        {
            try
            {
                await RunAsync(settings, s3, "secrets-fail");
            }
            catch (Exception e)
            {
                // Anything thrown, even of an unexpected type, must be free of secrets too.
                _outputs.Add(e.ToString());
                throw;
            }
        });
        _outputs.Add(error.Message);
    }

    public void Dispose() => _logs.Dispose();

    private static IEnumerable<string> PemBodyLines(string pem) =>
        pem.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length >= 16);

    [GeneratedRegex("^private_key_file = .*$", RegexOptions.Multiline)]
    private static partial Regex PrivateKeyLine();
}
