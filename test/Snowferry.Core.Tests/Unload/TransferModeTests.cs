using System.Text.Json;
using Snowferry.Destinations;
using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Tests.Transfer;
using Snowferry.Transfer;
using Snowferry.Unload;
using static Snowferry.Tests.Transfer.ContractReference;

namespace Snowferry.Tests.Unload;

/// <summary>
/// <see cref="TransferOptions.Mode"/> through the library's front door (connections.toml, the fixture's S3 client): the
/// local Snowflake estimates, unloads with its COPY INTO through the storage integration, or the rows are streamed.
/// The result cache stays on: a cached answer (the estimate, a repeated plan query) still reports its start and timeout;
/// COPY INTO always runs.
/// </summary>
public sealed class TransferModeTests(UnloadFixture fixture) : IClassFixture<UnloadFixture>
{
    private const string Integration = "snowferry_local_s3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TransferOptions Options(TransferMode mode, long threshold = TransferModeChooser.DefaultThresholdBytes) => new()
    {
        Mode = mode,
        StorageIntegration = Integration,
        UnloadThresholdBytes = threshold,
    };

    private Task<TransferReport> TransferAsync(string table, string prefix, TransferOptions options) =>
        fixture.DataSource.TransferAsync(table, $"s3://{fixture.S3.Bucket}/{prefix}", options, Ct);

    [Fact]
    public async Task TransferAsync_AutoAboveThreshold_UnloadsFilesAndManifestThroughCopyInto()
    {
        var options = Options(TransferMode.Auto, threshold: 1) with { Plan = new TransferPlanOptions { KeyColumns = ["USERID", "MOVIEID"] } };

        var report = await TransferAsync("MOVIE_RATINGS_27M", "auto-unload", options);

        Assert.Equal(TransferMode.Unload, report.Mode);
        Assert.StartsWith("auto: ~", report.ModeReason, StringComparison.Ordinal);
        Assert.Contains(">= threshold 1 B", report.ModeReason, StringComparison.Ordinal);
        Assert.True(report.EstimatedRows > 0 && report.EstimatedBytes > 0, report.ToJson());
        Assert.Matches(@"^auto-unload/MOVIE_RATINGS_27M/run-\d{8}T\d{6}Z_[0-9a-f]{8}/manifest\.json$", report.FileName);
        var files = Assert.IsAssignableFrom<IReadOnlyList<UnloadedFile>>(report.Files);
        Assert.NotEmpty(files);
        var actual = new List<string?[]>();
        foreach (var file in files)
        {
            Assert.EndsWith(".snappy.parquet", file.Key, StringComparison.Ordinal);
            actual.AddRange(TransferOutputReader.ReadParquet((await fixture.S3.ReadObjectAsync(file.Key, Ct))!));
        }

        var expected = await ReferenceAsync("MOVIE_RATINGS_27M", name => name is "USERID" or "MOVIEID" ? Role.Key : null);
        TransferOutputReader.AssertRowsEqual(expected, actual);
        using var manifest = JsonDocument.Parse((await fixture.S3.ReadObjectAsync(report.FileName, Ct))!);
        Assert.Equal(expected.Count, manifest.RootElement.GetProperty("output_rows").GetInt64());
        Assert.Equal(files.Select(f => f.Key), manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("key").GetString()));

        using var result = JsonDocument.Parse(report.ToResult().ToJson());
        Assert.Equal(["file_name", "row_count", "timestamp"], result.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(report.FileName, result.RootElement.GetProperty("file_name").GetString());
        Assert.Equal(expected.Count, result.RootElement.GetProperty("row_count").GetInt64());
        Assert.True(report.SourceRows >= expected.Count);
        Assert.Null(report.BlankRowsDropped);
    }

    [Fact]
    public async Task TransferAsync_AutoAboveThresholdWithStatementTimeout_SendsItWithEveryStatementUpToCopyInto()
    {
        var starts = new System.Collections.Concurrent.ConcurrentQueue<Snowferry.LocalSnowflake.Server.LocalStatementStart>();
        void OnStart(object? sender, Snowferry.LocalSnowflake.Server.LocalStatementStart start) => starts.Enqueue(start);
        var faults = fixture.Host.Server.Faults;
        faults.StatementStarting += OnStart;
        try
        {
            var options = Options(TransferMode.Auto, threshold: 1) with
            {
                Plan = new TransferPlanOptions { KeyColumns = ["USERID", "MOVIEID"] },
                StatementTimeout = TimeSpan.FromHours(2),
            };
            var report = await TransferAsync("MOVIE_RATINGS_27M", "timeout", options);
            Assert.Equal(TransferMode.Unload, report.Mode);
        }
        finally
        {
            faults.StatementStarting -= OnStart;
        }

        // Namespace, columns, auto's estimate, COPY INTO.
        Assert.Equal(4, starts.Count);
        Assert.Contains(starts, s => s.Statement.Contains("APPROX_COUNT_DISTINCT", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(starts, s => s.Statement.StartsWith("COPY INTO", StringComparison.OrdinalIgnoreCase));
        Assert.All(starts, s => Assert.Equal(7_200, s.TimeoutSeconds));
    }

    [Fact]
    public async Task TransferAsync_AutoBelowThreshold_StreamsOneFile()
    {
        var report = await TransferAsync("LOCATIONS_595", "auto-stream", Options(TransferMode.Auto, threshold: long.MaxValue));

        Assert.Equal(TransferMode.Stream, report.Mode);
        Assert.StartsWith("auto: ~", report.ModeReason, StringComparison.Ordinal);
        Assert.Contains("< threshold", report.ModeReason, StringComparison.Ordinal);
        Assert.NotNull(report.EstimatedRows);
        Assert.Null(report.Files);
        Assert.EndsWith(".parquet", report.FileName, StringComparison.Ordinal);
        Assert.Equal(new[] { report.FileName, report.ManifestFileName! }, await fixture.S3.ListKeysAsync("auto-stream/", Ct));
        Assert.Equal(595, report.SourceRows);
        Assert.True(report.BlankRowsDropped > 0);
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal("stream", json.RootElement.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task TransferAsync_AutoWithoutStorageIntegration_StreamsSayingWhyWithoutEstimating()
    {
        var logs = new RecordingLoggerFactory();
        var options = Options(TransferMode.Auto, threshold: 1) with { StorageIntegration = null };
        using var logged = fixture.CreateDataSource(logs);

        var report = await logged.TransferAsync("LOCATIONS_595", $"s3://{fixture.S3.Bucket}/auto-no-integration", options, Ct);

        Assert.Equal(TransferMode.Stream, report.Mode);
        Assert.StartsWith("auto could not unload", report.ModeReason, StringComparison.Ordinal);
        Assert.Contains("TransferOptions.StorageIntegration", report.ModeReason, StringComparison.Ordinal);
        Assert.Null(report.EstimatedRows);
        Assert.EndsWith(".parquet", report.FileName, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Contains("Warning AutoCannotUnload", StringComparison.Ordinal) && e.Contains("storage integration", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.StartsWith(typeof(TransferModeChooser).FullName!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TransferAsync_AutoWithZonedKeyToParquet_StreamsSayingWhy()
    {
        await fixture.ExecuteAsync("CREATE OR REPLACE TABLE MODE_ZONED (D DATE, AT TIMESTAMP_TZ, V NUMBER(10,2))", Ct);
        await fixture.ExecuteAsync("INSERT INTO MODE_ZONED VALUES ('2024-01-05', '2024-01-05 10:00:00 +02:00', 1.25)", Ct);
        var options = Options(TransferMode.Auto, threshold: 1) with { Plan = new TransferPlanOptions { MonthColumns = ["D"] } };

        var report = await TransferAsync("MODE_ZONED", "auto-zoned", options);

        Assert.Equal(TransferMode.Stream, report.Mode);
        Assert.Contains("TIMESTAMP_TZ", report.ModeReason, StringComparison.Ordinal);
        Assert.Equal(1, report.OutputRows);
    }

    [Fact]
    public async Task TransferAsync_UnloadCsvUnderKeyPrefix_CountsSourceRowsAndWritesGzipCsv()
    {
        var options = Options(TransferMode.Unload) with { Format = "csv", KeyPrefix = "inner" };

        var report = await TransferAsync("LOCATIONS_595", "unload-csv", options);

        Assert.Equal(TransferMode.Unload, report.Mode);
        Assert.Equal("asked for", report.ModeReason);
        Assert.Null(report.EstimatedRows);
        Assert.Equal("csv", report.Format);
        Assert.Equal(595, report.SourceRows);
        Assert.Null(report.BlankRowsDropped);
        Assert.Equal(TransferOverwriteGuards.NewRunFolder, report.OverwriteGuard);
        Assert.StartsWith("unload-csv/inner/LOCATIONS_595/run-", report.FileName, StringComparison.Ordinal);
        Assert.All(report.Files!, f => Assert.EndsWith(".csv.gz", f.Key, StringComparison.Ordinal));
        Assert.Equal(report.Files!.Sum(f => f.RowCount), report.OutputRows);
        Assert.Equal([.. report.Files!.Select(f => f.Key).Append(report.FileName).Order(StringComparer.Ordinal)], await fixture.S3.ListKeysAsync("unload-csv/", Ct));
    }

    [Fact]
    public async Task TransferAsync_UnloadWithoutStorageIntegration_RefusedBeforeConnectingWithTheFix()
    {
        // The static front door: the refusal comes before its shared data source loads any connection.
        var options = new TransferOptions { Mode = TransferMode.Unload };

        var error = await Assert.ThrowsAsync<UnloadException>(
            () => SnowferryTransfer.TransferAsync("ORDERS_100K", $"s3://{fixture.S3.Bucket}/unload-none", options, Ct));

        Assert.Contains("storage integration", error.Message, StringComparison.Ordinal);
        Assert.Contains("TransferOptions.StorageIntegration", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.S3.ListKeysAsync("unload-none/", Ct));
    }

    public static TheoryData<string, string> StreamOnly => new()
    {
        { "folder", "local folder" },
        { "jsonl", "TransferOptions.Format" },
        { "zstd", "TransferOptions.Compression" },
        { "key", "TransferOptions.KeyTemplate" },
        { "verify", "TransferOptions.Verify" },
        { "no-manifest", "TransferOptions.WriteManifest" },
    };

    [Theory]
    [MemberData(nameof(StreamOnly))]
    public async Task TransferAsync_UnloadWithStreamOnlyOption_RefusedBeforeConnecting(string option, string named)
    {
        var options = new TransferOptions
        {
            Mode = TransferMode.Unload,
            StorageIntegration = Integration,
        };
        options = option switch
        {
            "jsonl" => options with { Format = "jsonl" },
            "zstd" => options with { Compression = OutputCompression.Zstd },
            "key" => options with { KeyTemplate = "{table}.{ext}" },
            "verify" => options with { Verify = true },
            "no-manifest" => options with { WriteManifest = false },
            _ => options,
        };
        var destination = option == "folder" ? Path.Combine(Path.GetTempPath(), $"folder-{Guid.NewGuid():N}") : $"s3://{fixture.S3.Bucket}/refused";

        // The static front door: refused before its shared data source loads any connection.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SnowferryTransfer.TransferAsync("ORDERS_100K", destination, options, Ct));

        Assert.True(error is ArgumentException or DestinationException, error.ToString());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("set TransferOptions.Mode to Stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransferAsync_DestinationObjectAskedToUnload_RefusedNotStreamed()
    {
        using var folder = new Snowferry.Testing.TempDirectory();
        var destination = new Snowferry.Destinations.Local.LocalFolderDestination(folder.Path, TimeProvider.System);

        var error = await Assert.ThrowsAsync<DestinationException>(
            () => fixture.DataSource.TransferAsync("LOCATIONS_595", destination, new TransferOptions { Mode = TransferMode.Unload }, Ct));

        Assert.Contains("An unload goes to S3", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    private async Task<List<object?[]>> ReferenceAsync(string table, Func<string, Role?> overrides)
    {
        var (columns, rows) = await fixture.QueryAsync($"SELECT * FROM \"{table}\"", Ct);
        var roles = columns.Select(c => overrides(c.Name) ?? DefaultRole(c.Type)).ToList();
        return Expected(rows, [.. columns.Select(c => c.Type)], roles);
    }
}
