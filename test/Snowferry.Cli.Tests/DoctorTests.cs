using System.Security.Cryptography;
using System.Text.Json;

namespace Snowferry.Cli.Tests;

/// <summary>
/// <c>snowferry doctor</c> as a child process against the local Snowflake and S3 server: one plain line per check
/// (stdout is not a terminal here), or JSON, and the exit code of the first failure's kind.
/// </summary>
public sealed class DoctorTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConnectionVariable(string key) => $"SNOWFLAKE_CONNECTIONS_{fixture.Snowflake.Host.ConnectionName.ToUpperInvariant()}_{key}";

    [Fact]
    public async Task Doctor_TableAndBucket_EveryCheckOkAndExits0()
    {
        var result = await fixture.RunAsync("doctor", "--table", "ORDERS_100K", "--destination", $"s3://{fixture.Bucket}/doctor", "--storage-integration", "SNOWFERRY_LOCAL_S3");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] names = ["connections_file", "connection", "credentials", "role", "warehouse", "database", "schema", "table", "plan", "aws_credentials", "bucket", "storage_integration"];
        Assert.Equal(names, result.StdoutLines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.All(result.StdoutLines, l => Assert.StartsWith("ok ", l, StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(result.StdoutLines, l => l.Contains("aws_credentials", StringComparison.Ordinal) && l.Contains("environment variables", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.S3.Server.Options.AccessKeyId, result.Stdout, StringComparison.Ordinal);
        Assert.Contains(result.StdoutLines, l => l.Contains("bucket", StringComparison.Ordinal) && l.Contains("region", StringComparison.Ordinal));
        Assert.Empty(await fixture.S3.ListKeysAsync("doctor", Ct));
    }

    [Fact]
    public async Task Doctor_Json_PrintsEveryCheckWithItsStatus()
    {
        var result = await fixture.RunAsync("doctor", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("exit_code").GetInt32());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal("ok", checks.Single(c => c.GetProperty("name").GetString() == "credentials").GetProperty("status").GetString());
        Assert.Equal("skip", checks.Single(c => c.GetProperty("name").GetString() == "table").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Doctor_KeyNotRegistered_FailsCredentialsAndExits4()
    {
        using var temp = new Snowferry.Testing.TempDirectory();
        var keyPath = temp.Combine("other.p8");
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem(), Ct);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var result = await RunAsync(new() { [ConnectionVariable("PRIVATE_KEY_FILE")] = keyPath }, "doctor", "--table", "ORDERS_100K");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains("credentials", StringComparison.Ordinal));
        Assert.Contains("fix: Run DESC USER", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(result.StdoutLines, l => l.StartsWith("skip", StringComparison.Ordinal) && l.Contains("table", StringComparison.Ordinal) && l.EndsWith("credentials failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_WrongPassphrase_FailsCredentialsAsConfigurationWithoutPrintingIt()
    {
        const string Passphrase = "Passphrase-SNOWFERRY-DOCTOR-SECRET-7f3a";
        using var temp = new Snowferry.Testing.TempDirectory();
        var keyPath = temp.Combine("encrypted.p8");
        using (var rsa = RSA.Create(2048))
        {
            var pem = rsa.ExportEncryptedPkcs8PrivateKeyPem(Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));
            await File.WriteAllTextAsync(keyPath, pem, Ct);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var result = await RunAsync(
            new() { [ConnectionVariable("PRIVATE_KEY_FILE")] = keyPath, ["PRIVATE_KEY_PASSPHRASE"] = Passphrase + "-wrong" }, "doctor", "--json");

        Assert.True(result.ExitCode == 3, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var credentials = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "credentials");
        Assert.Equal("fail", credentials.GetProperty("status").GetString());
        Assert.Equal("configuration", credentials.GetProperty("area").GetString());
        Assert.DoesNotContain(Passphrase, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_UnknownTable_FailsTableAndExits5()
    {
        var result = await fixture.RunAsync("doctor", "--table", "NO_SUCH_TABLE");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains("NO_SUCH_TABLE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_BucketMissing_FailsBucketAndExits6()
    {
        var result = await fixture.RunAsync("doctor", "--destination", "no-such-bucket-doctor");

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains("no-such-bucket-doctor", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.StartsWith("ok", StringComparison.Ordinal) && l.Contains("aws_credentials", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_NoAwsCredentials_FailsAwsCredentialsAndExits6()
    {
        var result = await RunAsync(new() { ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null }, "doctor", "--destination", fixture.Bucket);

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains("aws_credentials", StringComparison.Ordinal));
        Assert.Contains("AWS_PROFILE", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(result.StdoutLines, l => l.StartsWith("skip", StringComparison.Ordinal) && l.Contains("bucket", StringComparison.Ordinal));
    }

    // Needs the local Snowflake to refuse a warehouse it does not have (422 390201), as Snowflake does.
    [Fact]
    public async Task Doctor_UnknownWarehouse_FailsWarehouseAndExits4()
    {
        var result = await RunAsync(new() { [ConnectionVariable("WAREHOUSE")] = "NO_SUCH_WH" }, "doctor");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains("warehouse", StringComparison.Ordinal) && l.Contains("NO_SUCH_WH", StringComparison.Ordinal));
    }

    // Needs the client to send a quoted name as written and the local Snowflake to refuse a database in the wrong case.
    [Fact]
    public async Task Doctor_DatabaseQuotedInTheWrongCase_FailsDatabaseAndExits4()
    {
        var database = "\"" + fixture.Snowflake.Host.Engine.Options.DatabaseName.ToLowerInvariant() + "\"";

        var result = await RunAsync(new() { [ConnectionVariable("DATABASE")] = database }, "doctor");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains("database", StringComparison.Ordinal));
    }

    private Task<CliResult> RunAsync(Dictionary<string, string?> overrides, params string[] args) =>
        CliRunner.RunAsync(fixture.Environment(overrides), Ct, args);
}
