using Snowferry.Planning;
using Snowferry.Transfer;
using static Snowferry.Tests.Transfer.ContractReference;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// Whole transfers through the real servers: the local Snowflake over HTTP and fauxqs through AWSSDK.S3. Each object is
/// read back by an independent reader and compared cell by cell with the contract's LINQ reference over the source rows.
/// The result cache stays on (Snowflake's default): a repeated query may be answered from it, with the same rows, and
/// still reports its start and timeout.
/// </summary>
public sealed class TransferEndToEndTests(TransferFixture fixture) : IClassFixture<TransferFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("LOCATIONS_595")]
    [InlineData("ORDERS_100K")]
    [InlineData("MOVIE_RATINGS_27M")]
    public async Task RunAsync_SampleTableWithDefaults_ParquetMatchesTheReference(string table)
    {
        var report = await fixture.CreateJob("defaults").RunAsync(table, new TransferOptions(), Ct);

        var (expected, sourceRows, blankRows) = await ReferenceAsync(table, _ => null);
        var actual = TransferOutputReader.ReadParquet((await fixture.S3.ReadObjectAsync(report.FileName, Ct))!);
        TransferOutputReader.AssertRowsEqual(expected, actual);
        Assert.Equal(expected.Count, report.OutputRows);
        Assert.Equal(sourceRows, report.SourceRows);
        Assert.Equal(blankRows, report.BlankRowsDropped);
        Assert.StartsWith($"defaults/{table}/{table}_", report.FileName, StringComparison.Ordinal);
        Assert.EndsWith(".parquet", report.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StatementTimeout_SentWithEveryStatementOfTheTransfer()
    {
        var starts = new System.Collections.Concurrent.ConcurrentQueue<Snowferry.LocalSnowflake.Server.LocalStatementStart>();
        void OnStart(object? sender, Snowferry.LocalSnowflake.Server.LocalStatementStart start) => starts.Enqueue(start);
        var faults = fixture.Snowflake.Host.Server.Faults;
        faults.StatementStarting += OnStart;
        try
        {
            await fixture.CreateJob("timeout").RunAsync("LOCATIONS_595", new TransferOptions { StatementTimeout = TimeSpan.FromMinutes(90) }, Ct);
        }
        finally
        {
            faults.StatementStarting -= OnStart;
        }

        // The session's namespace, the columns, the count and the query itself.
        Assert.Equal(4, starts.Count);
        Assert.All(starts, s => Assert.Equal(5_400, s.TimeoutSeconds));
    }

    [Fact]
    public async Task RunAsync_Locations_DropsExactlyTheFullyBlankRows()
    {
        var report = await fixture.CreateJob("blank").RunAsync("LOCATIONS_595", new TransferOptions(), Ct);

        Assert.Equal(595, report.SourceRows);
        Assert.True(report.BlankRowsDropped > 0, "LOCATIONS_595 is generated with fully blank rows");
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    [InlineData("json")]
    public async Task RunAsync_TextFormats_ManyPartitionsAndPartsMatchTheReference(string format)
    {
        // ~100k output rows: ~100 result partitions of 1,000 rows, and more than 10 MiB of text in 5 MiB parts.
        var options = new TransferOptions { Format = format, PartSize = Snowferry.Destinations.DestinationUploadOptions.MinPartSize };

        var report = await fixture.CreateJob("formats").RunAsync("ORDERS_100K", options, Ct);

        var (expected, _, _) = await ReferenceAsync("ORDERS_100K", _ => null);
        var file = (await fixture.S3.ReadObjectAsync(report.FileName, Ct))!;
        var columns = report.Columns.Where(c => c.OutputType is not null).Select(c => c.Name).ToArray();
        var actual = format switch
        {
            "csv" => TransferOutputReader.ReadCsv(file) is var (header, rows) && header.SequenceEqual(columns) ? rows : throw new Xunit.Sdk.XunitException("CSV header differs"),
            "jsonl" => TransferOutputReader.ReadJsonLines(file, columns),
            _ => TransferOutputReader.ReadJsonArray(file, columns),
        };
        TransferOutputReader.AssertRowsEqual(expected, actual);
        Assert.True(await PartCountAsync(report.FileName) >= 2, "expected a multipart upload");
    }

    [Fact]
    public async Task RunAsync_RatingsWithIdsAsKeys_ManyPartitionsAndPartsMatchTheReference()
    {
        var options = new TransferOptions
        {
            Plan = new TransferPlanOptions { KeyColumns = ["USERID", "MOVIEID"] },
            Format = "csv",
            PartSize = Snowferry.Destinations.DestinationUploadOptions.MinPartSize,
        };

        var report = await fixture.CreateJob("keys").RunAsync("MOVIE_RATINGS_27M", options, Ct);

        var (expected, _, _) = await ReferenceAsync("MOVIE_RATINGS_27M", name => name is "USERID" or "MOVIEID" ? Role.Key : null);
        var (_, actual) = TransferOutputReader.ReadCsv((await fixture.S3.ReadObjectAsync(report.FileName, Ct))!);
        Assert.True(expected.Count > 1_000, $"expected a large output, got {expected.Count} rows");
        TransferOutputReader.AssertRowsEqual(expected, actual);
    }

    [Fact]
    public async Task RunAsync_SameSourceTwice_GivesByteIdenticalFiles()
    {
        var first = await fixture.CreateJob("twice").RunAsync("ORDERS_100K", new TransferOptions(), Ct);
        var second = await fixture.CreateJob("twice").RunAsync("ORDERS_100K", new TransferOptions(), Ct);

        Assert.NotEqual(first.FileName, second.FileName);
        Assert.Equal(await fixture.S3.ReadObjectAsync(first.FileName, Ct), await fixture.S3.ReadObjectAsync(second.FileName, Ct));
        Assert.Equal(first.Checksum, second.Checksum);
    }

    [Fact]
    public async Task ToResult_OfAReport_SerialisesToExactlyTheThreeKeys()
    {
        var report = await fixture.CreateJob("result").RunAsync("LOCATIONS_595", new TransferOptions(), Ct);

        using var json = System.Text.Json.JsonDocument.Parse(report.ToResult().ToJson());

        Assert.Equal(["file_name", "row_count", "timestamp"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(report.FileName, json.RootElement.GetProperty("file_name").GetString());
        Assert.Equal(report.OutputRows, json.RootElement.GetProperty("row_count").GetInt64());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", json.RootElement.GetProperty("timestamp").GetString());
    }

    /// <summary>Parts of a multipart object, from S3's composite checksum (<c>base64-N</c>); 1 for a single PutObject.</summary>
    private async Task<int> PartCountAsync(string key)
    {
        var metadata = await fixture.S3.Client.GetObjectMetadataAsync(
            new Amazon.S3.Model.GetObjectMetadataRequest { BucketName = fixture.S3.Bucket, Key = key, ChecksumMode = Amazon.S3.ChecksumMode.ENABLED }, Ct);
        var checksum = metadata.ChecksumSHA256 ?? "";
        var dash = checksum.LastIndexOf('-');
        return dash < 0 ? 1 : int.Parse(checksum[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The expected file for <paramref name="table"/>, from every source row read with a plain SELECT *.</summary>
    private async Task<(List<object?[]> Expected, long SourceRows, long BlankRows)> ReferenceAsync(string table, Func<string, Role?> overrides)
    {
        var (columns, rows) = await fixture.QueryAsync($"SELECT * FROM \"{table}\"", Ct);
        var roles = columns.Select(c => overrides(c.Name) ?? DefaultRole(c.Type)).ToList();
        var types = columns.Select(c => c.Type).ToList();
        return (Expected(rows, types, roles), rows.Count, rows.Count(r => r.All(IsBlank)));
    }
}
