using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Snowferry.Planning;
using Snowferry.Transfer;
using static Snowferry.Tests.Transfer.ContractReference;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// One <see cref="SnowferryDataSource"/> shared by transfers running at once, as the service will hold it: against the
/// real servers (the local Snowflake over HTTP, fauxqs through AWSSDK.S3), every file read back and compared with the
/// contract's LINQ reference, one S3 client for the endpoint, one set of decode slots, and the <c>Snowferry</c> meter
/// counting them.
/// </summary>
public sealed class DataSourceConcurrencyTests(TransferFixture fixture) : IClassFixture<TransferFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string Table, string Format, string[] Keys)[] s_runs =
    [
        ("LOCATIONS_595", "parquet", []),
        ("LOCATIONS_595", "csv", []),
        ("ORDERS_100K", "parquet", []),
        ("ORDERS_100K", "jsonl", []),
        ("ORDERS_100K", "json", []),
        ("MOVIE_RATINGS_27M", "parquet", []),
        ("MOVIE_RATINGS_27M", "csv", ["USERID", "MOVIEID"]),
        ("LOCATIONS_595", "jsonl", []),
    ];

    [Fact]
    public async Task TransferAsync_EightAtOnceThroughOneDataSource_EveryFileMatchesTheReferenceOnOneS3Client()
    {
        using var source = fixture.CreateDataSource();
        var measured = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var listener = Listen(source, measured);
        using var start = new SemaphoreSlim(0, s_runs.Length);

        var transfers = s_runs.Select(async (run, i) =>
        {
            await start.WaitAsync(Ct);
            var options = new TransferOptions { Format = run.Format, Plan = new TransferPlanOptions { KeyColumns = run.Keys } };
            return await source.TransferAsync(run.Table, $"s3://{fixture.S3.Bucket}/concurrent/{i}", options, Ct);
        }).ToList();
        start.Release(s_runs.Length);
        var reports = await Task.WhenAll(transfers);

        Assert.Equal(1, source.S3ClientsCreated);
        // Every transfer decoded its partitions in the data source's one set of decode slots, never more at once.
        var workers = source.Snowflake.Client.Workers;
        Assert.InRange(workers.MostBusy, 1, workers.Count);
        Assert.Equal(Environment.ProcessorCount, workers.Count);
        for (var i = 0; i < s_runs.Length; i++)
        {
            var (table, format, keys) = s_runs[i];
            var report = reports[i];
            Assert.StartsWith($"concurrent/{i}/{table}/", report.FileName, StringComparison.Ordinal);
            var expected = await ReferenceAsync(table, name => keys.Contains(name) ? Role.Key : null);
            var file = (await fixture.S3.ReadObjectAsync(report.FileName, Ct))!;
            var columns = report.Columns.Where(c => c.OutputType is not null).Select(c => c.Name).ToArray();
            var actual = format switch
            {
                "parquet" => TransferOutputReader.ReadParquet(file),
                "csv" => TransferOutputReader.ReadCsv(file).Rows,
                "jsonl" => TransferOutputReader.ReadJsonLines(file, columns),
                _ => TransferOutputReader.ReadJsonArray(file, columns),
            };
            TransferOutputReader.AssertRowsEqual(expected, actual);
            Assert.Equal(expected.Count, report.OutputRows);
            Assert.NotNull(await fixture.S3.ReadObjectAsync(report.ManifestFileName!, Ct));
        }

        listener.RecordObservableInstruments();
        Assert.Equal(s_runs.Length, measured.GetValueOrDefault("snowferry.transfers.started"));
        Assert.Equal(s_runs.Length, measured.GetValueOrDefault("snowferry.transfers.succeeded"));
        Assert.Equal(0, measured.GetValueOrDefault("snowferry.transfers.failed"));
        Assert.Equal(reports.Sum(r => r.OutputRows), measured.GetValueOrDefault("snowferry.rows.written"));
        Assert.Equal(reports.Sum(r => r.Bytes), measured.GetValueOrDefault("snowferry.bytes.written"));
        Assert.Equal(s_runs.Length, measured.GetValueOrDefault("snowferry.transfer.duration"));
    }

    [Fact]
    public async Task TransferAsync_UnknownTable_CountedAsStartedAndFailed()
    {
        using var source = fixture.CreateDataSource();
        var measured = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var listener = Listen(source, measured);

        await Assert.ThrowsAsync<PlanException>(() => source.TransferAsync("NO_SUCH_TABLE", $"s3://{fixture.S3.Bucket}/failed", cancellationToken: Ct));

        Assert.Equal(1, measured.GetValueOrDefault("snowferry.transfers.started"));
        Assert.Equal(1, measured.GetValueOrDefault("snowferry.transfers.failed"));
        Assert.Equal(0, measured.GetValueOrDefault("snowferry.transfers.succeeded"));
        Assert.Equal(1, measured.GetValueOrDefault("snowferry.transfer.duration"));
        Assert.Empty(await fixture.S3.ListKeysAsync("failed/", Ct));
    }

    /// <summary>Sums the counters of <paramref name="source"/>'s meter (and counts the duration records) by instrument name.</summary>
    private static MeterListener Listen(SnowferryDataSource source, ConcurrentDictionary<string, long> measured)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, source.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => measured.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1));
        listener.Start();
        return listener;
    }

    private async Task<List<object?[]>> ReferenceAsync(string table, Func<string, Role?> overrides)
    {
        var (columns, rows) = await fixture.QueryAsync($"SELECT * FROM \"{table}\"", Ct);
        var roles = columns.Select(c => overrides(c.Name) ?? DefaultRole(c.Type)).ToList();
        return Expected(rows, [.. columns.Select(c => c.Type)], roles);
    }
}
