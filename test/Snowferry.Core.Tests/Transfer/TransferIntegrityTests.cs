using System.Text.Json;
using Snowferry.Destinations;
using Snowferry.Manifest;
using Snowferry.Testing;
using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// What a transfer proves about its file: the checksum the store confirms, <c>--verify</c>'s read-back, the manifest
/// written after the data file, and deterministic keys that make a scheduled re-run idempotent.
/// </summary>
public sealed class TransferIntegrityTests(FaultFixture fixture) : IClassFixture<FaultFixture>, IDisposable
{
    private static readonly string[] s_manifestFields =
        ["manifest_version", "mode", "source_table", "query_id", "columns", "schema", "files", "source_rows", "blank_rows_dropped", "output_rows", "bytes", "overwrite_guard", "format", "snowferry_version", "started_at", "committed_at"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private S3FaultProxy Proxy => fixture.Proxy;

    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    [InlineData("jsonl")]
    [InlineData("json")]
    public async Task RunAsync_Verify_ReadsTheFileBackAndCountsItsRows(string format)
    {
        Proxy.Reset();

        var report = await fixture.CreateJob("verify-" + format).RunAsync(
            "LOCATIONS_595", new TransferOptions { Format = format, Verify = true, WriteManifest = false }, Ct);

        Assert.True(report.Verified);
        Assert.True(report.ChecksumVerified);
        Assert.Contains(Proxy.Records, r => r.Operation == S3Operation.GetObject && fixture.KeyOf(r) == report.FileName);
        var (expected, _, _) = await fixture.Transfer.ReferenceAsync("LOCATIONS_595", Ct);
        Assert.Equal(expected.Count, report.OutputRows);
    }

    [Theory]
    [InlineData(Snowferry.Output.OutputCompression.Gzip, ".csv.gz")]
    [InlineData(Snowferry.Output.OutputCompression.None, ".csv")]
    public async Task RunAsync_VerifyOfBigCsv_CountsEveryRow(Snowferry.Output.OutputCompression compression, string extension)
    {
        Proxy.Reset();
        var options = new TransferOptions
        {
            Format = "csv",
            Compression = compression,
            PartSize = DestinationUploadOptions.MinPartSize,
            Verify = true,
            WriteManifest = false,
        };

        var report = await fixture.CreateJob("verify-big").RunAsync("ORDERS_100K", options, Ct);

        Assert.True(report.Verified);
        Assert.EndsWith(extension, report.FileName, StringComparison.Ordinal);
        var (expected, _, _) = await fixture.Transfer.ReferenceAsync("ORDERS_100K", Ct);
        Assert.Equal(expected.Count, report.OutputRows);
        if (compression == Snowferry.Output.OutputCompression.None)
        {
            // Several 5 MiB parts: the store's checksum is the composite one.
            Assert.Contains(Proxy.Records, r => r.Operation == S3Operation.CompleteMultipartUpload);
            Assert.Matches("^SHA256:[A-Za-z0-9+/=]+-[0-9]+$", report.StoreChecksum!);
        }
    }

    [Fact]
    public async Task RunAsync_VerifyAndTheStoreServesOtherBytes_ThrowsIntegrityException()
    {
        Proxy.Reset();
        var options = new TransferOptions { Verify = true, WriteManifest = false, KeyTemplate = "tampered/{table}.{ext}" };
        Proxy.BeforeForward = async r =>
        {
            // Between the commit and the read-back, the object is replaced with other bytes of the same length.
            if (r.Operation == S3Operation.GetObject)
            {
                var bytes = (await fixture.Transfer.S3.ReadObjectAsync(fixture.KeyOf(r), Ct))!;
                bytes[^20] ^= 0xFF;
                await fixture.Transfer.S3.Client.PutObjectAsync(
                    new Amazon.S3.Model.PutObjectRequest { BucketName = fixture.Transfer.S3.Bucket, Key = fixture.KeyOf(r), InputStream = new MemoryStream(bytes) }, Ct);
            }
        };

        var error = await Assert.ThrowsAsync<TransferIntegrityException>(() => fixture.CreateJob("").RunAsync("LOCATIONS_595", options, Ct));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Contains("s3://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Default_WritesTheManifestAfterTheDataFileWithTheReportsFacts()
    {
        Proxy.Reset();

        var report = await fixture.CreateJob("manifest").RunAsync("ORDERS_100K", new TransferOptions(), Ct);

        Assert.Equal(report.FileName + ".manifest.json", report.ManifestFileName);
        var puts = Proxy.Records.Where(r => r.Operation is S3Operation.PutObject or S3Operation.CompleteMultipartUpload && r.Status == 200)
            .Select(fixture.KeyOf).ToList();
        Assert.Equal([report.FileName, report.ManifestFileName!], puts);
        var json = System.Text.Encoding.UTF8.GetString((await fixture.Transfer.S3.ReadObjectAsync(report.ManifestFileName!, Ct))!);
        var manifest = TransferManifest.Parse(json);
        Assert.Equal(TransferManifest.CurrentVersion, manifest.ManifestVersion);
        Assert.Equal("stream", manifest.Mode);
        var file = Assert.Single(manifest.Files);
        Assert.Equal(report.FileName, file.Key);
        Assert.Equal(report.Uri, file.Uri);
        Assert.Equal(report.Bytes, file.Bytes);
        Assert.Equal(report.OutputRows, file.RowCount);
        Assert.Equal(report.StoreChecksum, file.StoreChecksum);
        Assert.Equal(report.OverwriteGuard, manifest.OverwriteGuard);
        Assert.Equal(report.SourceTable, manifest.SourceTable);
        Assert.Equal(report.QueryId, manifest.QueryId);
        Assert.Equal(100_000, manifest.SourceRows);
        Assert.Equal(report.BlankRowsDropped, manifest.BlankRowsDropped);
        Assert.Equal(report.OutputRows, manifest.OutputRows);
        Assert.Equal(report.Bytes, manifest.Bytes);
        Assert.Equal(report.Checksum, file.Checksum);
        Assert.Equal("parquet", manifest.Format);
        Assert.Equal(report.Timestamp, manifest.CommittedAt);
        Assert.Equal(report.Columns.Where(c => c.OutputType is not null).Select(c => c.Name), manifest.Schema.Select(f => f.Name));
        Assert.Contains(manifest.Columns, c => c.Name == "O_ORDERDATE" && c.Role == "month" && c.OutputType == "DATE");
        var data = (await fixture.Transfer.S3.ReadObjectAsync(report.FileName, Ct))!;
        Assert.Equal(report.Checksum, "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data)));
        using var document = JsonDocument.Parse(json);
        Assert.All(
            s_manifestFields,
            name => Assert.True(document.RootElement.TryGetProperty(name, out _), name));
    }

    [Fact]
    public async Task RunAsync_DataUploadFails_WritesNoManifest()
    {
        Proxy.Reset();
        Proxy.Arm(S3Operation.PutObject, S3Fault.InternalError, count: 100);

        await Assert.ThrowsAsync<DestinationException>(() => fixture.CreateJob("no-manifest").RunAsync("LOCATIONS_595", new TransferOptions(), Ct));

        Assert.Empty(await fixture.Transfer.S3.ListKeysAsync("no-manifest/", Ct));
        Assert.DoesNotContain(Proxy.Records, r => r.Path.EndsWith(TransferManifest.KeySuffix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SameKeyTemplateTwice_SecondRefusedThenOverwritten()
    {
        Proxy.Reset();
        var options = new TransferOptions { KeyTemplate = "exports/{table}/{date:yyyy-MM}/{table}.{ext}", Format = "csv" };

        var first = await fixture.CreateJob("sched").RunAsync("LOCATIONS_595", options, Ct);
        await Assert.ThrowsAsync<DestinationExistsException>(() => fixture.CreateJob("sched").RunAsync("LOCATIONS_595", options, Ct));
        var third = await fixture.CreateJob("sched").RunAsync("LOCATIONS_595", options with { Overwrite = true }, Ct);

        Assert.Equal($"sched/exports/LOCATIONS_595/{first.StartedAt.UtcDateTime:yyyy-MM}/LOCATIONS_595.csv", first.FileName);
        Assert.Equal(first.FileName, third.FileName);
        Assert.True(third.Overwrote);
        Assert.Equal(first.Checksum, third.Checksum);
        Assert.Equal(
            [first.FileName, first.ManifestFileName],
            (await fixture.Transfer.S3.ListKeysAsync("sched/", Ct)).Order(StringComparer.Ordinal));
    }

    public void Dispose() => Proxy.Reset();
}
