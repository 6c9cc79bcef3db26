using System.Text.RegularExpressions;
using Snowferry.Testing;
using Snowferry.Tests.Unload;
using Snowferry.Transfer;
using Snowferry.Unload;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// Every key a transfer writes stays under the prefix it was given, whatever the table is called and however the key
/// prefix is written: streamed to the local S3 server and to a local folder, unloaded by the local Snowflake to S3.
/// S3 stores a <c>..</c> segment literally, so these look at the keys themselves, not only at where a reader finds them.
/// </summary>
public sealed class TransferKeyPlacementTests(UnloadFixture fixture) : IClassFixture<UnloadFixture>
{
    private static readonly TransferOptions s_unload = new() { Mode = TransferMode.Unload, StorageIntegration = "snowferry_local_s3" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("..", "dots-stream-2", "_..")]
    [InlineData(".", "dots-stream-1", "_.")]
    public async Task RunAsync_StreamTableNamedLikeADotSegment_KeyStaysUnderThePrefix(string table, string prefix, string segment)
    {
        var quoted = await CreateTableAsync(table);

        var report = await fixture.CreateJob(prefix).RunAsync(quoted, new TransferOptions(), Ct);

        var name = Regex.Escape(segment);
        Assert.Matches($@"^{prefix}/{name}/{name}_\d{{8}}T\d{{6}}Z_[0-9a-f]{{8}}\.parquet$", report.FileName);
        Assert.Equal([report.FileName, report.ManifestFileName!], await fixture.S3.ListKeysAsync(prefix + "/", Ct));
        Assert.Single(TransferOutputReader.ReadParquet((await fixture.S3.ReadObjectAsync(report.FileName, Ct))!));
    }

    [Fact]
    public async Task RunAsync_StreamTableNamedDotDotToAFolder_WrittenInsideTheFolder()
    {
        using var folder = new TempDirectory();
        var quoted = await CreateTableAsync("..");

        var report = await fixture.DataSource.TransferAsync(quoted, folder.Path, new TransferOptions { KeyPrefix = "acme" }, Ct);

        Assert.StartsWith("acme/_../_.._", report.FileName, StringComparison.Ordinal);
        var file = Path.Combine(folder.Path, "acme", "_..", Path.GetFileName(report.FileName));
        Assert.Equal(
            [file, file + Snowferry.Manifest.TransferManifest.KeySuffix],
            Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_UnloadTableNamedDotDot_RunFolderStaysUnderThePrefix()
    {
        var quoted = await CreateTableAsync("..");

        var report = await fixture.CreateJob("dots-unload").RunAsync(quoted, s_unload, Ct);

        Assert.Matches(@"^dots-unload/_\.\./run-\d{8}T\d{6}Z_[0-9a-f]{8}/manifest\.json$", report.FileName);
        var folder = report.FileName[..^"manifest.json".Length];
        Assert.NotEmpty(report.Files!);
        Assert.All(report.Files!, f => Assert.StartsWith(folder, f.Key, StringComparison.Ordinal));
        Assert.Equal(
            report.Files!.Select(f => f.Key).Append(report.FileName).Order(StringComparer.Ordinal),
            (await fixture.S3.ListKeysAsync("dots-unload/", Ct)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../evil", TransferMode.Stream, "a '..' segment")]
    [InlineData("daily/../../evil", TransferMode.Stream, "a '..' segment")]
    [InlineData("../evil", TransferMode.Unload, "a '..' segment")]
    [InlineData("./daily", TransferMode.Stream, "a '.' segment")]
    [InlineData("daily//x", TransferMode.Stream, "an empty segment (two slashes in a row)")]
    [InlineData("..\\evil", TransferMode.Stream, "a backslash")]
    [InlineData("%2e%2e/evil", TransferMode.Stream, "the percent-escape '%2e'")]
    [InlineData("daily\u0007", TransferMode.Stream, "the control character U+0007")]
    public async Task RunAsync_KeyPrefixThatCouldLeaveThePrefix_ThrowsNamingTheOptionAndWritesNothing(string keyPrefix, TransferMode mode, string problem)
    {
        var options = (mode == TransferMode.Unload ? s_unload : new TransferOptions()) with { KeyPrefix = keyPrefix };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.CreateJob("climb/acme").RunAsync("LOCATIONS_595", options, Ct));

        Assert.StartsWith("TransferOptions.KeyPrefix '", error.Message, StringComparison.Ordinal);
        Assert.Contains($"' has {problem}: write folder names separated by single slashes", error.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. exports/daily", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, char.IsControl);
        Assert.Empty(await fixture.S3.ListKeysAsync("climb/", Ct));
    }

    [Theory]
    [InlineData("daily/", "slashes-1")]
    [InlineData("/daily/", "slashes-2")]
    public async Task RunAsync_KeyPrefixWithSlashesAroundIt_StreamAndUnloadWriteUnderTheSameFolder(string keyPrefix, string prefix)
    {
        var streamed = await fixture.CreateJob(prefix).RunAsync("LOCATIONS_595", new TransferOptions { KeyPrefix = keyPrefix }, Ct);
        var unloaded = await fixture.CreateJob(prefix).RunAsync("LOCATIONS_595", s_unload with { KeyPrefix = keyPrefix }, Ct);

        var folder = $"{prefix}/daily/LOCATIONS_595/";
        Assert.StartsWith(folder + "LOCATIONS_595_", streamed.FileName, StringComparison.Ordinal);
        Assert.Matches($@"^{folder}run-\d{{8}}T\d{{6}}Z_[0-9a-f]{{8}}/manifest\.json$", unloaded.FileName);
        Assert.All(unloaded.Files!, f => Assert.StartsWith(folder + "run-", f.Key, StringComparison.Ordinal));
        Assert.All(await fixture.S3.ListKeysAsync(prefix + "/", Ct), k => Assert.StartsWith(folder, k, StringComparison.Ordinal));
    }

    /// <summary>Creates a one-row table named exactly <paramref name="name"/>; returns its quoted name.</summary>
    private async Task<string> CreateTableAsync(string name)
    {
        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await fixture.ExecuteAsync($"CREATE OR REPLACE TABLE {quoted} (D DATE, V NUMBER(10,2))", Ct);
        await fixture.ExecuteAsync($"INSERT INTO {quoted} VALUES ('2024-01-15', 1.50)", Ct);
        return quoted;
    }
}
