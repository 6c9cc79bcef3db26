using System.Text.Json;
using Amazon.S3.Model;
using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Tests.Transfer;
using Snowferry.Transfer;
using Snowferry.Unload;
using static Snowferry.Tests.Transfer.ContractReference;

namespace Snowferry.Tests.Unload;

/// <summary>
/// Whole unloads: the local Snowflake runs COPY INTO and writes the files to fauxqs through its storage integration;
/// every file is read back by DuckDB and their union compared cell by cell with the contract's LINQ reference.
/// </summary>
public sealed class UnloadEndToEndTests(UnloadFixture fixture) : IClassFixture<UnloadFixture>
{
    private const string Integration = "snowferry_local_s3";

    private static readonly TransferOptions s_unload = new() { Mode = TransferMode.Unload, StorageIntegration = Integration };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The run folder: the manifest's key without its name.</summary>
    private static string RunPrefix(TransferReport report) => report.FileName[..^"manifest.json".Length];

    [Fact]
    public async Task RunAsync_RatingsWithIdsAsKeysAndSmallFiles_UnionOfFilesMatchesTheReference()
    {
        var options = s_unload with
        {
            UnloadMaxFileSize = 40_000,
            Plan = new TransferPlanOptions { KeyColumns = ["USERID", "MOVIEID"] },
        };

        var report = await fixture.CreateJob("keys").RunAsync("MOVIE_RATINGS_27M", options, Ct);

        var files = report.Files!;
        Assert.True(files.Count > 1, $"expected several files, got {files.Count}");
        Assert.All(files, f => Assert.Matches(@"^keys/MOVIE_RATINGS_27M/run-\d{8}T\d{6}Z_[0-9a-f]{8}/data_0_0_\d+\.snappy\.parquet$", f.Key));
        var actual = new List<string?[]>();
        foreach (var file in files)
        {
            var bytes = (await fixture.S3.ReadObjectAsync(file.Key, Ct))!;
            Assert.Equal(file.Bytes, bytes.Length);
            var rows = TransferOutputReader.ReadParquet(bytes);
            Assert.Equal(file.RowCount, rows.Count);
            actual.AddRange(rows);
        }

        var expected = await ReferenceAsync("MOVIE_RATINGS_27M", name => name is "USERID" or "MOVIEID" ? Role.Key : null);
        TransferOutputReader.AssertRowsEqual(expected, actual);
        Assert.Equal(expected.Count, report.OutputRows);

        using var manifest = JsonDocument.Parse((await fixture.S3.ReadObjectAsync(report.FileName, Ct))!);
        var root = manifest.RootElement;
        Assert.Equal(RunPrefix(report) + "manifest.json", report.FileName);
        Assert.Equal(report.FileName, report.ManifestFileName);
        Assert.Equal(2, root.GetProperty("manifest_version").GetInt32());
        Assert.Equal("unload", root.GetProperty("mode").GetString());
        Assert.Equal("SNOWFERRY.PUBLIC.MOVIE_RATINGS_27M", root.GetProperty("source_table").GetString());
        Assert.Equal(report.QueryId, root.GetProperty("query_id").GetString());
        Assert.Equal(expected.Count, root.GetProperty("output_rows").GetInt64());
        Assert.Equal(files.Select(f => f.Key), root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("key").GetString()));
        Assert.Equal(
            ["USERID:key", "MOVIEID:key", "RATING:sum", "TIMESTAMP:month"],
            root.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString() + ":" + c.GetProperty("role").GetString()));

        var result = report.ToResult();
        Assert.Equal(report.FileName, result.FileName);
        Assert.Equal(expected.Count, result.RowCount);
    }

    [Fact]
    public async Task RunAsync_EmptyTable_WritesManifestWithZeroFiles()
    {
        await fixture.ExecuteAsync("CREATE OR REPLACE TABLE EMPTY_UNLOAD (D DATE, K VARCHAR, V NUMBER(10,2))", Ct);

        var report = await fixture.CreateJob("empty").RunAsync("EMPTY_UNLOAD", s_unload, Ct);

        Assert.Empty(report.Files!);
        Assert.Equal(0, report.OutputRows);
        Assert.Equal([report.FileName], await fixture.S3.ListKeysAsync(RunPrefix(report), Ct));
        using var manifest = JsonDocument.Parse((await fixture.S3.ReadObjectAsync(report.FileName, Ct))!);
        Assert.Equal(0, manifest.RootElement.GetProperty("files").GetArrayLength());
        Assert.Equal(0, manifest.RootElement.GetProperty("output_rows").GetInt64());
    }

    [Fact]
    public async Task RunAsync_Locations_ManifestWrittenThroughTheDestinationWithItsSha256AndTheStreamSchema()
    {
        var report = await fixture.CreateJob("manifest-sha").RunAsync("LOCATIONS_595", s_unload, Ct);

        var bytes = (await fixture.S3.ReadObjectAsync(report.FileName, Ct))!;
        var metadata = await fixture.S3.Client.GetObjectMetadataAsync(
            new GetObjectMetadataRequest { BucketName = fixture.S3.Bucket, Key = report.FileName, ChecksumMode = Amazon.S3.ChecksumMode.ENABLED }, Ct);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes)), metadata.ChecksumSHA256);
        Assert.Equal("application/json", metadata.Headers.ContentType);
        var manifest = Snowferry.Manifest.TransferManifest.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal("unload", manifest.Mode);
        Assert.Equal(TransferOverwriteGuards.NewRunFolder, manifest.OverwriteGuard);
        Assert.Equal(report.OutputRows, manifest.OutputRows);
        Assert.Equal(report.Files!.Select(f => f.Key), manifest.Files.Select(f => f.Key));
        Assert.All(manifest.Files, f => Assert.Equal($"s3://{fixture.S3.Bucket}/{f.Key}", f.Uri));
    }

    [Fact]
    public async Task RunAsync_ExtraFileUnderRunPrefix_FailsAndWritesNoManifest()
    {
        const string Planted = "planted/ORDERS_100K/run-retried/data_1_0_0.snappy.parquet";
        await fixture.S3.Client.PutObjectAsync(new PutObjectRequest { BucketName = fixture.S3.Bucket, Key = Planted, ContentBody = "left over" }, Ct);
        var options = s_unload with { UnloadRunName = "run-retried" };

        var error = await Assert.ThrowsAsync<UnloadIntegrityException>(() => fixture.CreateJob("planted").RunAsync("ORDERS_100K", options, Ct));

        Assert.Equal([Planted], error.UnexpectedKeys);
        Assert.Empty(error.MissingKeys);
        Assert.Contains(Planted, error.Message, StringComparison.Ordinal);
        Assert.Null(await fixture.S3.ReadObjectAsync("planted/ORDERS_100K/run-retried/manifest.json", Ct));
        Assert.Equal([Planted], await fixture.S3.ListKeysAsync("planted/", Ct));
    }

    [Fact]
    public async Task RunAsync_TimestampTzKeyToParquet_RefusedBeforeRunning()
    {
        var options = s_unload with { Plan = new TransferPlanOptions { KeyColumns = ["CREATED_AT"] } };

        var error = await Assert.ThrowsAsync<UnloadException>(() => fixture.CreateJob("tz").RunAsync("ORDERS_100K", options, Ct));

        Assert.Contains("CREATED_AT", error.Message, StringComparison.Ordinal);
        Assert.Contains("CSV", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.S3.ListKeysAsync("tz/", Ct));
    }

    [Fact]
    public async Task RunAsync_NoStorageIntegration_RefusedWithTheFix()
    {
        var error = await Assert.ThrowsAsync<UnloadException>(
            () => fixture.CreateJob("none").RunAsync("ORDERS_100K", s_unload with { StorageIntegration = null }, Ct));

        Assert.Contains("TransferOptions.StorageIntegration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownStorageIntegration_FailsWithSnowflakesError()
    {
        var options = s_unload with { StorageIntegration = "NO_SUCH_INTEGRATION" };

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => fixture.CreateJob("unknown").RunAsync("ORDERS_100K", options, Ct));

        Assert.Equal("002003", error.Code);
        Assert.Empty(await fixture.S3.ListKeysAsync("unknown/", Ct));
    }

    [Theory]
    [InlineData(1L, TransferMode.Unload)]
    [InlineData(TransferModeChooser.DefaultThresholdBytes, TransferMode.Stream)]
    public async Task ChooseAsync_RatingsWithIdsAsKeys_ComparesTheEstimateWithTheThreshold(long threshold, TransferMode expected)
    {
        var plan = await TransferPlanner.PlanAsync(fixture.Client, fixture.Settings, "MOVIE_RATINGS_27M", new TransferPlanOptions { KeyColumns = ["USERID", "MOVIEID"] }, Ct);

        var decision = await new TransferModeChooser(fixture.Client, threshold).ChooseAsync(plan, Ct);

        var (_, exact) = await fixture.QueryAsync("SELECT COUNT(*) FROM (SELECT DISTINCT USERID, MOVIEID, DATE_TRUNC('MONTH', \"TIMESTAMP\") FROM MOVIE_RATINGS_27M)", Ct);
        var groups = double.Parse(exact[0][0]!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, decision.Mode);
        Assert.InRange(decision.EstimatedRows, groups * 0.9, groups * 1.1);
        Assert.True(decision.SourceRows >= decision.EstimatedRows);
    }

    private async Task<List<object?[]>> ReferenceAsync(string table, Func<string, Role?> overrides)
    {
        var (columns, rows) = await fixture.QueryAsync($"SELECT * FROM \"{table}\"", Ct);
        var roles = columns.Select(c => overrides(c.Name) ?? DefaultRole(c.Type)).ToList();
        return Expected(rows, [.. columns.Select(c => c.Type)], roles);
    }
}
