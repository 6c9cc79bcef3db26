using System.Security.Cryptography;

namespace Snowferry.Cli.Tests;

/// <summary>
/// The CLI with recognisable secrets in its environment (a key passphrase, a token, an AWS secret access key) and
/// <c>--debug</c>, succeeding and failing: neither stdout nor stderr (stack traces included) shows any of them.
/// </summary>
public sealed class CliSecretsTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    private const string Passphrase = "Passphrase-SNOWFERRY-CLI-SECRET-51c2";
    private const string AwsSecret = "AwsSecret-SNOWFERRY-CLI-SECRET-ZmFrZQ";
    private const string WrongToken = "Pat-SNOWFERRY-CLI-SECRET-WRONG-9d0e";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Transfer_WithSecretsAndDebug_NeverPrintsThem()
    {
        using var temp = new Snowferry.Testing.TempDirectory();
        var plainPem = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(fixture.Snowflake.Host.ConnectionsFilePath)!, KeyFileName()), Ct);
        var keyPath = temp.Combine("encrypted.p8");
        string encryptedPem;
        using (var rsa = RSA.Create())
        {
            rsa.ImportFromPem(plainPem);
            encryptedPem = rsa.ExportEncryptedPkcs8PrivateKeyPem(Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
        }

        await File.WriteAllTextAsync(keyPath, encryptedPem, Ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var connection = $"SNOWFLAKE_CONNECTIONS_{fixture.Snowflake.Host.ConnectionName.ToUpperInvariant()}_";
        var secrets = new Dictionary<string, string?>
        {
            [connection + "PRIVATE_KEY_FILE"] = keyPath,
            ["PRIVATE_KEY_PASSPHRASE"] = Passphrase,
            ["AWS_SECRET_ACCESS_KEY"] = AwsSecret,
        };
        var wrongPassphrase = new Dictionary<string, string?>(secrets) { ["PRIVATE_KEY_PASSPHRASE"] = Passphrase + "-wrong" };
        var wrongToken = new Dictionary<string, string?>(secrets)
        {
            [connection + "AUTHENTICATOR"] = "PROGRAMMATIC_ACCESS_TOKEN",
            [connection + "TOKEN"] = WrongToken,
        };

        var ok = await RunAsync(secrets, "transfer", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-secrets", "--debug", "--report");
        var badPassphrase = await RunAsync(wrongPassphrase, "transfer", "LOCATIONS_595", fixture.Bucket, "--debug");
        var badToken = await RunAsync(wrongToken, "transfer", "LOCATIONS_595", fixture.Bucket, "--debug");
        var badBucket = await RunAsync(secrets, "transfer", "LOCATIONS_595", "no-such-bucket-secrets", "--debug");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.True(badPassphrase.ExitCode == 3, badPassphrase.ToString());
        Assert.True(badToken.ExitCode == 4, badToken.ToString());
        Assert.True(badBucket.ExitCode == 6, badBucket.ToString());
        var everything = string.Join('\n', new[] { ok, badPassphrase, badToken, badBucket }.Select(r => r.Stdout + '\n' + r.Stderr));
        Assert.Contains("   at ", everything, StringComparison.Ordinal);
        string[] forbidden = [Passphrase, AwsSecret, WrongToken, .. BodyLines(plainPem), .. BodyLines(encryptedPem)];
        foreach (var secret in forbidden)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    private Task<CliResult> RunAsync(Dictionary<string, string?> overrides, params string[] args) =>
        CliRunner.RunAsync(fixture.Environment(overrides), Ct, args);

    private string KeyFileName()
    {
        var line = File.ReadAllLines(fixture.Snowflake.Host.ConnectionsFilePath).Single(l => l.StartsWith("private_key_file", StringComparison.Ordinal));
        return Path.GetFileName(line.Split('"')[1]);
    }

    private static IEnumerable<string> BodyLines(string pem) =>
        pem.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length >= 16);
}
