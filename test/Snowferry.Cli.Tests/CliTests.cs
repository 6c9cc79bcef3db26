using System.Security.Cryptography;
using System.Text.Json;

namespace Snowferry.Cli.Tests;

/// <summary>
/// The built CLI as a child process against the real local Snowflake and S3 server, configured only through the
/// environment: what goes to stdout and stderr, and the documented exit code of each class of failure.
/// </summary>
public sealed class CliTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertOneLineError(CliResult result, int exitCode, string fragment)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}\n{result}");
        Assert.Equal("", result.Stdout);
        var error = Assert.Single(result.StderrLines, l => l.StartsWith("snowferry: error:", StringComparison.Ordinal));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.DoesNotContain(result.StderrLines, l => l.StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_SampleTable_PrintsExactlyTheThreeKeyJsonOnStdoutAndExits0()
    {
        var result = await fixture.RunAsync("transfer", "ORDERS_100K", fixture.Bucket, "--prefix", "cli-result");

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.StdoutLines);
        using var json = JsonDocument.Parse(line);
        Assert.Equal(["file_name", "row_count", "timestamp"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var key = json.RootElement.GetProperty("file_name").GetString()!;
        Assert.StartsWith("cli-result/ORDERS_100K/ORDERS_100K_", key, StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("row_count").GetInt64() > 0);
        Assert.EndsWith("Z", json.RootElement.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        Assert.NotNull(await fixture.S3.ReadObjectAsync(key, Ct));
        // Progress goes to stderr only, and says what it moves.
        Assert.Contains("ORDERS_100K", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_PastTheHeapLimit_SaysOutOfMemoryAndPublishesNothing()
    {
        // The first upload part's buffer is taken whole at the first write, so a 64 MiB part cannot fit under a 16 MiB
        // heap whatever the file's size: the run fails inside the transfer. (With the default 8 MiB parts it depended
        // on how much else the run held, and a leaner client sometimes fitted.)
        var result = await CliRunner.RunAsync(
            fixture.Environment(new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = "0x1000000" }),
            Ct,
            "transfer", "ORDERS_100K", fixture.Bucket, "--prefix", "cli-oom", "--quiet", "--part-size-mb", "64");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("out of memory", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("16 MiB managed-heap limit", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("DOTNET_GCHeapHardLimit", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(await fixture.S3.ListKeysAsync("cli-oom", Ct));
    }

    [Fact]
    public async Task Transfer_Quiet_PrintsNothingOnStderr()
    {
        var result = await fixture.RunAsync("transfer", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-quiet", "--quiet", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(result.StdoutLines);
        Assert.Equal("", result.Stderr.Trim());
    }

    [Fact]
    public async Task Transfer_Report_PrintsTheFullReport()
    {
        var result = await fixture.RunAsync("transfer", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-report", "--report", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(595, root.GetProperty("source_rows").GetInt64());
        Assert.True(root.GetProperty("blank_rows_dropped").GetInt64() > 0);
        Assert.StartsWith("sha256:", root.GetProperty("checksum").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("query_id").GetString()));
        Assert.Contains(root.GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString() == "DOB" && c.GetProperty("role").GetString() == "month");
        Assert.NotNull(await fixture.S3.ReadObjectAsync(root.GetProperty("file_name").GetString()!, Ct));
    }

    [Fact]
    public async Task Plan_SampleTable_PrintsRolesAndSql()
    {
        var result = await fixture.RunAsync("plan", "ORDERS_100K", "--key-column", "O_ORDERKEY");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Plan for", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"O_ORDERKEY\s+\S+\s+key", result.Stdout);
        Assert.Matches(@"O_TOTALPRICE\s+\S+\s+sum", result.Stdout);
        Assert.Matches(@"O_ORDERDATE\s+\S+\s+month", result.Stdout);
        Assert.Contains("SELECT", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("GROUP BY", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_DefaultsSumAnIdentifier_WarnsNamingTheFlagsNotTheLibrarysOptions()
    {
        var result = await fixture.RunAsync("plan", "ORDERS_100K", "--key-column", "O_ORDERKEY");

        Assert.True(result.ExitCode == 0, result.ToString());
        var warning = Assert.Single(result.StdoutLines, l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Equal(
            "warning: Column \"O_CUSTKEY\" (NUMBER(38,0)) looks like an identifier, and the defaults sum it; " +
            "add it to --key-column to group by it instead, or to --drop-column to leave it out.",
            warning);
        Assert.DoesNotContain("TransferPlanOptions", result.Stdout, StringComparison.Ordinal);
        // After the column lines, before the SQL.
        Assert.InRange(result.Stdout.IndexOf(warning, StringComparison.Ordinal), result.Stdout.IndexOf("O_COMMENT", StringComparison.Ordinal), result.Stdout.IndexOf("SELECT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transfer_DefaultsSumAnIdentifier_WarnsOnStderrBeforeProgressAndStdoutStaysTheResult()
    {
        var result = await fixture.RunAsync("transfer", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-warn", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(Assert.Single(result.StdoutLines));
        var warning = Assert.Single(result.StderrLines, l => l.Contains("warning:", StringComparison.Ordinal));
        Assert.Equal(
            "snowferry: warning: SNOWFERRY.PUBLIC.LOCATIONS_595: Column \"ID\" (NUMBER(38,0)) looks like an identifier, and the defaults sum it; " +
            "add it to --key-column to group by it instead, or to --drop-column to leave it out.",
            warning);
        Assert.True(Array.IndexOf(result.StderrLines, warning) < Array.FindIndex(result.StderrLines, l => l.Contains(": querying,", StringComparison.Ordinal)), result.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("transfer --help")]
    [InlineData("plan --help")]
    public async Task Help_AnyCommand_ShowsUsageAndTheExitCodes(string args)
    {
        var result = await fixture.RunAsync(args.Split(' '));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("130  cancelled", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_UnknownFormat_Exits2ListingTheFormats()
    {
        var result = await fixture.RunAsync("transfer", "ORDERS_100K", fixture.Bucket, "--format", "xlsx");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        // One line, in the form every other failure takes.
        var error = Assert.Single(result.StderrLines);
        Assert.StartsWith("snowferry: error: Unknown format 'xlsx'", error, StringComparison.Ordinal);
        Assert.Contains("parquet", error, StringComparison.Ordinal);
        Assert.Contains("jsonl", error, StringComparison.Ordinal);
        Assert.Contains("snowferry transfer --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_MissingArguments_Exits2WithOneErrorLine()
    {
        var result = await fixture.RunAsync("transfer");

        Assert.True(result.ExitCode == 2, result.ToString());
        var error = Assert.Single(result.StderrLines);
        Assert.StartsWith("snowferry: error: ", error, StringComparison.Ordinal);
        Assert.Contains("snowferry transfer --help", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "at least 1s")]
    [InlineData("0s", "at least 1s")]
    [InlineData("8d", "at most 7d")]
    [InlineData("604801", "at most 7d")]
    [InlineData("soon", "takes a duration")]
    [InlineData("6x", "takes a duration")]
    public async Task Transfer_BadStatementTimeout_Exits2SayingWhy(string value, string fragment)
    {
        var result = await fixture.RunAsync("transfer", "ORDERS_100K", fixture.Bucket, "--statement-timeout", value);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains(fragment, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task LocalSnowflake_MaxConcurrencyLevelBelowOne_Exits2SayingWhy(string value)
    {
        var result = await fixture.RunAsync("local-snowflake", "--max-concurrency-level", value);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains($"--max-concurrency-level must be at least 1, got {value}", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90m", 5_400)]
    [InlineData("1.5h", 5_400)]
    [InlineData("3600", 3_600)]
    [InlineData("7d", 604_800)]
    public async Task Plan_StatementTimeout_SentWithItsStatements(string value, long seconds)
    {
        var starts = new System.Collections.Concurrent.ConcurrentQueue<Snowferry.LocalSnowflake.Server.LocalStatementStart>();
        void OnStart(object? sender, Snowferry.LocalSnowflake.Server.LocalStatementStart start) => starts.Enqueue(start);
        var faults = fixture.Snowflake.Host.Server.Faults;
        faults.StatementStarting += OnStart;
        CliResult result;
        try
        {
            result = await fixture.RunAsync("plan", "ORDERS_100K", "--statement-timeout", value);
        }
        finally
        {
            faults.StatementStarting -= OnStart;
        }

        // The result cache is on (Snowflake's default), so a repeated plan is answered from it: its statements still
        // start with the timeout their request sent.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEmpty(starts);
        Assert.All(starts, s => Assert.Equal(seconds, s.TimeoutSeconds));
    }

    [Fact]
    public async Task Transfer_UnknownOption_Exits2()
    {
        var result = await fixture.RunAsync("transfer", "ORDERS_100K", fixture.Bucket, "--no-such-option");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--no-such-option", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_UnknownConnection_Exits3NamingIt()
    {
        var result = await fixture.RunAsync("transfer", "ORDERS_100K", fixture.Bucket, "--connection", "no_such_connection");

        AssertOneLineError(result, 3, "no_such_connection");
    }

    [Fact]
    public async Task Transfer_KeyFileMissing_Exits3NamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"snowferry-no-key-{Guid.NewGuid():N}.p8");
        var environment = fixture.Environment(new Dictionary<string, string?> { [$"SNOWFLAKE_CONNECTIONS_{fixture.Snowflake.Host.ConnectionName.ToUpperInvariant()}_PRIVATE_KEY_FILE"] = missing });

        var result = await CliRunner.RunAsync(environment, Ct, "transfer", "ORDERS_100K", fixture.Bucket, "--prefix", "cli-no-key");

        AssertOneLineError(result, 3, missing);
        Assert.Empty(await fixture.S3.ListKeysAsync("cli-no-key", Ct));
    }

    [Fact]
    public async Task Transfer_KeyNotRegistered_Exits4NamingTheConnection()
    {
        using var temp = new Snowferry.Testing.TempDirectory();
        var keyPath = Path.Combine(temp.Path, "unregistered.p8");
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem(), Ct);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var environment = fixture.Environment(new Dictionary<string, string?> { [$"SNOWFLAKE_CONNECTIONS_{fixture.Snowflake.Host.ConnectionName.ToUpperInvariant()}_PRIVATE_KEY_FILE"] = keyPath });

        var result = await CliRunner.RunAsync(environment, Ct, "transfer", "ORDERS_100K", fixture.Bucket, "--prefix", "cli-401");

        AssertOneLineError(result, 4, $"connection '{fixture.Snowflake.Host.ConnectionName}'");
        Assert.Contains("RSA_PUBLIC_KEY", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(await fixture.S3.ListKeysAsync("cli-401", Ct));
    }

    [Fact]
    public async Task Transfer_UnknownTable_Exits5()
    {
        var result = await fixture.RunAsync("transfer", "NO_SUCH_TABLE", fixture.Bucket, "--prefix", "cli-unknown");

        AssertOneLineError(result, 5, "NO_SUCH_TABLE");
        Assert.Empty(await fixture.S3.ListKeysAsync("cli-unknown", Ct));
    }

    [Fact]
    public async Task Transfer_UnknownColumn_Exits5NamingTheOption()
    {
        var result = await fixture.RunAsync("transfer", "ORDERS_100K", fixture.Bucket, "--key-column", "NOPE");

        AssertOneLineError(result, 5, "--key-column");
    }

    [Fact]
    public async Task Transfer_BucketMissing_Exits6()
    {
        var result = await fixture.RunAsync("transfer", "LOCATIONS_595", "no-such-bucket-cli", "--quiet");

        AssertOneLineError(result, 6, "no-such-bucket-cli");
    }

    [Fact]
    public async Task Transfer_MalformedBucket_Exits6()
    {
        var result = await fixture.RunAsync("transfer", "LOCATIONS_595", "s3://Not_A_Bucket!", "--quiet");

        AssertOneLineError(result, 6, "Not_A_Bucket!");
    }

    [Fact]
    public async Task Transfer_NoAwsCredentials_Exits6WithTheFix()
    {
        var environment = fixture.Environment(new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null });

        var result = await CliRunner.RunAsync(environment, Ct, "transfer", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-no-aws", "--quiet");

        AssertOneLineError(result, 6, "No AWS credentials");
        Assert.Contains("AWS_PROFILE", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(await fixture.S3.ListKeysAsync("cli-no-aws", Ct));
    }

    [Fact]
    public async Task Transfer_ModeAutoAboveThreshold_UnloadsPrintsTheManifestResultAndSaysWhyOnStderr()
    {
        var result = await fixture.RunAsync(
            "transfer", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-auto",
            "--mode", "auto", "--storage-integration", "SNOWFERRY_LOCAL_S3", "--unload-threshold-gb", "0.000001");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(Assert.Single(result.StdoutLines));
        Assert.Equal(["file_name", "row_count", "timestamp"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var manifestKey = json.RootElement.GetProperty("file_name").GetString()!;
        Assert.Matches(@"^cli-auto/LOCATIONS_595/run-\d{8}T\d{6}Z_[0-9a-f]{8}/manifest\.json$", manifestKey);
        using var manifest = JsonDocument.Parse((await fixture.S3.ReadObjectAsync(manifestKey, Ct))!);
        Assert.Equal(json.RootElement.GetProperty("row_count").GetInt64(), manifest.RootElement.GetProperty("output_rows").GetInt64());
        Assert.True(
            result.StderrLines.Any(l => l.StartsWith("snowferry: ", StringComparison.Ordinal) && l.Contains("mode unload, auto: ~", StringComparison.Ordinal)
                && l.Contains(">= threshold", StringComparison.Ordinal)),
            result.ToString());
    }

    [Fact]
    public async Task Unload_AliasOfTransferModeUnload_PrintsTheSameOneLineResult()
    {
        var alias = await fixture.RunAsync("unload", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-alias", "--storage-integration", "SNOWFERRY_LOCAL_S3");
        var transfer = await fixture.RunAsync(
            "transfer", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-alias", "--mode", "unload", "--storage-integration", "SNOWFERRY_LOCAL_S3");

        foreach (var result in (CliResult[])[alias, transfer])
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            using var json = JsonDocument.Parse(Assert.Single(result.StdoutLines));
            Assert.Equal(["file_name", "row_count", "timestamp"], json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Matches(@"^cli-alias/LOCATIONS_595/run-\d{8}T\d{6}Z_[0-9a-f]{8}/manifest\.json$", json.RootElement.GetProperty("file_name").GetString());
        }

        Assert.Equal(RowCount(alias), RowCount(transfer));

        static long RowCount(CliResult result)
        {
            using var json = JsonDocument.Parse(result.StdoutLines.Single());
            return json.RootElement.GetProperty("row_count").GetInt64();
        }
    }

    [Fact]
    public async Task Unload_DryRun_PrintsThePlanAndTheCopyIntoAndWritesNothing()
    {
        var result = await fixture.RunAsync("unload", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-dry", "--storage-integration", "SNOWFERRY_LOCAL_S3", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.StartsWith($"COPY INTO 's3://{fixture.Bucket}/cli-dry/LOCATIONS_595/run-", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.StartsWith("STORAGE_INTEGRATION = \"SNOWFERRY_LOCAL_S3\"", StringComparison.Ordinal));
        Assert.Empty(await fixture.S3.ListKeysAsync("cli-dry", Ct));
    }

    [Fact]
    public async Task Transfer_ModeUnloadWithKey_ErrorNamesTheFlagsNotTheLibrarysOptions()
    {
        var result = await fixture.RunAsync(
            "transfer", "LOCATIONS_595", fixture.Bucket, "--mode", "unload", "--storage-integration", "SNOWFERRY_LOCAL_S3", "--key", "{table}.{ext}");

        AssertOneLineError(result, 2, "drop --key, or use --mode stream");
        Assert.DoesNotContain("TransferOptions", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_ModeUnloadWithoutStorageIntegration_Exits3WithTheFix()
    {
        var environment = fixture.Environment(new Dictionary<string, string?> { ["SNOWFERRY_STORAGE_INTEGRATION"] = null });

        var result = await CliRunner.RunAsync(environment, Ct, "transfer", "LOCATIONS_595", fixture.Bucket, "--prefix", "cli-unload-none", "--mode", "unload");

        AssertOneLineError(result, 3, "--storage-integration or SNOWFERRY_STORAGE_INTEGRATION");
        Assert.Empty(await fixture.S3.ListKeysAsync("cli-unload-none", Ct));
    }

    [Fact]
    public async Task Transfer_Debug_AddsTheStackTrace()
    {
        var result = await fixture.RunAsync("transfer", "NO_SUCH_TABLE", fixture.Bucket, "--debug");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("PlanException", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(result.StderrLines, l => l.StartsWith("at ", StringComparison.Ordinal));
    }
}
