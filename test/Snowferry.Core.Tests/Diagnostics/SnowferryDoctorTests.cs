using System.Security.Cryptography;
using Snowferry.Diagnostics;
using Snowferry.Snowflake.Authentication;
using Snowferry.Testing;

namespace Snowferry.Tests.Diagnostics;

/// <summary>
/// The doctor against the local Snowflake over HTTP, with the connections.toml the host wrote or a copy of it with one
/// line changed, as a user would get it wrong.
/// </summary>
public sealed class SnowferryDoctorTests(LocalSnowflakeFixture fixture) : IClassFixture<LocalSnowflakeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] s_snowflakeChecks = ["connections_file", "connection", "credentials", "role", "warehouse", "database", "schema", "table", "plan"];

    [Fact]
    public async Task RunAsync_LocalConnectionTableAndFolder_EveryCheckPasses()
    {
        using var temp = new TempDirectory();

        var report = await SnowferryDoctor.RunAsync(Options(fixture.Host.ConnectionsFilePath) with { Table = "ORDERS_100K", Destination = temp.Combine("out") }, Ct);

        Assert.True(report.Passed, Describe(report));
        Assert.Equal([.. s_snowflakeChecks, "folder", "storage_integration"], report.Checks.Select(c => c.Name));
        Assert.All(report.Checks.SkipLast(1), c => Assert.Equal(DoctorStatus.Ok, c.Status));
        Assert.Equal(DoctorStatus.Skip, report.Checks[^1].Status);
        Assert.Contains(fixture.Host.ConnectionsFilePath, Check(report, "connections_file").Detail, StringComparison.Ordinal);
        Assert.Contains("SNOWFLAKE_JWT", Check(report, "connection").Detail, StringComparison.Ordinal);
        Assert.Contains("SHA256:", Check(report, "credentials").Detail, StringComparison.Ordinal);
        Assert.Contains("LOCAL_WH", Check(report, "warehouse").Detail, StringComparison.Ordinal);
        Assert.Contains("month O_ORDERDATE", Check(report, "plan").Detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")), "the doctor creates nothing");
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task RunAsync_NoTableNoDestination_SkipsThemSayingHowToAsk()
    {
        var report = await SnowferryDoctor.RunAsync(Options(fixture.Host.ConnectionsFilePath), Ct);

        Assert.True(report.Passed, Describe(report));
        Assert.Equal(DoctorStatus.Skip, Check(report, "table").Status);
        Assert.Contains("--table", Check(report, "table").Detail, StringComparison.Ordinal);
        Assert.Contains("--destination", Check(report, "destination").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownTable_FailsTableAsPlanAndSkipsThePlan()
    {
        var report = await SnowferryDoctor.RunAsync(Options(fixture.Host.ConnectionsFilePath) with { Table = "NO_SUCH_TABLE" }, Ct);

        var failure = Assert.IsType<DoctorCheck>(report.FirstFailure);
        Assert.Equal("table", failure.Name);
        Assert.Equal(DoctorArea.Plan, failure.Area);
        Assert.Contains("NO_SUCH_TABLE", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("GRANT SELECT", failure.Fix, StringComparison.Ordinal);
        Assert.Equal(DoctorStatus.Skip, Check(report, "plan").Status);
        Assert.Equal("table failed", Check(report, "plan").Detail);
    }

    [Fact]
    public async Task RunAsync_KeyNotRegistered_FailsCredentialsWithTheFingerprintToCompare()
    {
        using var temp = new TempDirectory();
        var keyPath = temp.Combine("other.p8");
        string fingerprint;
        using (var other = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyPath, other.ExportPkcs8PrivateKeyPem(), Ct);
            fingerprint = KeyPairJwtTokenProvider.ComputePublicKeyFingerprint(other);
        }

        MakePrivate(keyPath);
        var file = await WriteConnectionsAsync(temp, "private_key_file", Toml(keyPath));

        var report = await SnowferryDoctor.RunAsync(Options(file), Ct);

        var failure = Assert.IsType<DoctorCheck>(report.FirstFailure);
        Assert.Equal("credentials", failure.Name);
        Assert.Equal(DoctorArea.Snowflake, failure.Area);
        Assert.Contains("RSA_PUBLIC_KEY_FP", failure.Fix, StringComparison.Ordinal);
        Assert.Contains(fingerprint, failure.Fix, StringComparison.Ordinal);
        Assert.All(report.Checks.Where(c => c.Name is "role" or "warehouse" or "database" or "schema" or "table" or "plan"),
            c => Assert.Equal(DoctorStatus.Skip, c.Status));
    }

    [Fact]
    public async Task RunAsync_UnknownConnection_FailsConnectionAsConfiguration()
    {
        var report = await SnowferryDoctor.RunAsync(Options(fixture.Host.ConnectionsFilePath) with { ConnectionName = "no_such_connection" }, Ct);

        Assert.Equal(DoctorStatus.Ok, Check(report, "connections_file").Status);
        var failure = Assert.IsType<DoctorCheck>(report.FirstFailure);
        Assert.Equal("connection", failure.Name);
        Assert.Equal(DoctorArea.Configuration, failure.Area);
        Assert.Contains("no_such_connection", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(DoctorStatus.Skip, Check(report, "credentials").Status);
    }

    // Needs the local Snowflake to refuse a warehouse it does not have (422 390201), as Snowflake does.
    [Fact]
    public async Task RunAsync_UnknownWarehouse_FailsWarehouseNamingIt()
    {
        using var temp = new TempDirectory();
        var file = await WriteConnectionsAsync(temp, "warehouse", "\"NO_SUCH_WH\"");

        var report = await SnowferryDoctor.RunAsync(Options(file) with { Table = "ORDERS_100K" }, Ct);

        var failure = Assert.IsType<DoctorCheck>(report.FirstFailure);
        Assert.Equal("warehouse", failure.Name);
        Assert.Equal(DoctorArea.Snowflake, failure.Area);
        Assert.Contains("NO_SUCH_WH", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("GRANT USAGE ON WAREHOUSE NO_SUCH_WH", failure.Fix, StringComparison.Ordinal);
        Assert.Equal(DoctorStatus.Ok, Check(report, "role").Status);
        Assert.Equal(DoctorStatus.Skip, Check(report, "database").Status);
    }

    // Needs the client to send a quoted name as written and the local Snowflake to refuse a database in the wrong case.
    [Fact]
    public async Task RunAsync_DatabaseQuotedInTheWrongCase_FailsDatabase()
    {
        using var temp = new TempDirectory();
        var database = fixture.Host.Engine.Options.DatabaseName.ToLowerInvariant();
        var file = await WriteConnectionsAsync(temp, "database", $"'\"{database}\"'");

        var report = await SnowferryDoctor.RunAsync(Options(file), Ct);

        var failure = Assert.IsType<DoctorCheck>(report.FirstFailure);
        Assert.Equal("database", failure.Name);
        Assert.Contains("exactly that case", failure.Fix, StringComparison.Ordinal);
        Assert.Equal(DoctorStatus.Ok, Check(report, "warehouse").Status);
    }

    private SnowferryDoctorOptions Options(string connectionsFile) => new()
    {
        ConnectionsFile = connectionsFile,
        ConnectionName = fixture.Host.ConnectionName,
    };

    /// <summary>A copy of the host's connections.toml with <paramref name="key"/>'s value replaced (TOML text).</summary>
    private async Task<string> WriteConnectionsAsync(TempDirectory temp, string key, string value)
    {
        var lines = await File.ReadAllLinesAsync(fixture.Host.ConnectionsFilePath, Ct);
        var changed = lines.Select(l => l.StartsWith(key + " ", StringComparison.Ordinal) ? $"{key} = {value}" : l);
        var path = temp.Combine("connections.toml");
        await File.WriteAllLinesAsync(path, changed, Ct);
        MakePrivate(path);
        return path;
    }

    private static string Toml(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";

    private static void MakePrivate(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static DoctorCheck Check(DoctorReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);

    private static string Describe(DoctorReport report) =>
        string.Join('\n', report.Checks.Select(c => $"{c.Status} {c.Name}: {c.Detail} {c.Fix}"));
}
