using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Snowferry.Benchmarks.Baseline;
using Snowferry.Output;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks;

/// <summary>
/// Writes one seeded 10,000-row batch shaped like an aggregated output (month DATE, text keys, a NUMBER(38,2) sum, a
/// NUMBER(38,0) sum, a FLOAT sum, an LTZ timestamp) with each format's writer to <see cref="Stream.Null"/>. Times are
/// per row (OperationsPerInvoke), so 1/Mean is rows per second; Allocated is per row too. <see cref="Baseline"/> runs the
/// writers (and the decoded batch they read) as they were before issue 15, a copy in <c>Baseline/</c>, so Ratio compares
/// old and new in the same run.
/// </summary>
[MemoryDiagnoser]
public class TableWriterBenchmarks
{
    private const int Rows = 10_000;

    private static readonly SnowflakeColumn[] s_columns =
    [
        new("O_ORDERDATE", SnowflakeType.Date, null, null, null, null, true, null, null, null) { Ordinal = 0 },
        new("O_ORDERSTATUS", SnowflakeType.Text, null, null, 1, 4, true, null, null, null) { Ordinal = 1 },
        new("O_CLERK", SnowflakeType.Text, null, null, 15, 60, true, null, null, null) { Ordinal = 2 },
        new("O_TOTALPRICE", SnowflakeType.Fixed, 38, 2, null, null, true, null, null, null) { Ordinal = 3 },
        new("O_CUSTKEY", SnowflakeType.Fixed, 38, 0, null, null, true, null, null, null) { Ordinal = 4 },
        new("RATING", SnowflakeType.Real, null, null, null, null, true, null, null, null) { Ordinal = 5 },
        new("SEEN_AT", SnowflakeType.TimestampLtz, null, 9, null, null, true, null, null, null) { Ordinal = 6 },
        new("_SNOWFERRY_SOURCE_ROWS", SnowflakeType.Fixed, 38, 0, null, null, false, null, null, null) { Ordinal = 7 },
    ];

    private static readonly OutputColumn[] s_schema =
        [.. s_columns.Take(7).Select(c => new OutputColumn(c.Name, c.Type, c.Precision, c.Scale))];

    private static Stream s_destination = Stream.Null;
    private SnowflakeRowBatch? _batch;
    private BaselineRowBatch? _baselineBatch;
    private IOutputFormat _format = OutputFormats.Default;

    /// <summary>The format under test.</summary>
    [Params("parquet", "csv", "jsonl", "json")]
    public string Format { get; set; } = "parquet";

    /// <summary>Builds the batch from a fixed seed through the client's own parser, so every run writes the same rows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _format = OutputFormats.Find(Format);
        var random = new Random(20261125);
        var json = new StringBuilder("{\"data\":[");
        for (var r = 0; r < Rows; r++)
        {
            var month = 8036 + (random.Next(0, 80) * 30); // around 1992..1998, as TPC-H
            var status = "FOP"[random.Next(3)];
            var clerk = random.Next(20) == 0 ? "null" : $"\"Clerk#{random.Next(1000):D9}\"";
            var price = (random.NextInt64(100, 5_000_000_000_000) / 100m).ToString("F2", CultureInfo.InvariantCulture);
            var custkey = random.NextInt64(1, 100_000_000_000);
            var rating = (random.Next(1, 11) / 2.0 * random.Next(1, 500)).ToString(CultureInfo.InvariantCulture);
            var seconds = random.NextInt64(700_000_000, 1_800_000_000);
            json.Append(r == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"[\"{month}\",\"{status}\",{clerk},\"{price}\",\"{custkey}\",\"{rating}\",")
                .Append(CultureInfo.InvariantCulture, $"\"{seconds}.{random.Next(1_000_000_000):D9}\",\"{random.Next(1, 50)}\"]");
        }

        var bytes = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
        _batch = ResultParser.ParsePartition(bytes, s_columns, 0, 0, Rows, "bench");
        _baselineBatch = BaselineResultParser.ParsePartition(bytes, s_columns, 0, 0, Rows, "bench");
        SameBytes();
    }

    /// <summary>The writer before issue 15: writes the batch and completes the file.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public async Task<long> Baseline()
    {
        var schema = s_schema;
        switch (Format)
        {
            case "parquet":
                await using (var parquet = new BaselineParquetTableWriter(schema, s_destination, OutputWriterOptions.Default, ParquetSharp.Compression.Snappy))
                {
                    await parquet.WriteBatchAsync(_baselineBatch!, default);
                    await parquet.CompleteAsync(default);
                    return parquet.BytesWritten;
                }

            case "csv":
                await using (var csv = new BaselineCsvTableWriter(schema, s_destination, OutputWriterOptions.Default))
                {
                    await csv.WriteBatchAsync(_baselineBatch!, default);
                    await csv.CompleteAsync(default);
                    return csv.BytesWritten;
                }

            default:
                await using (var json = new BaselineJsonTableWriter(schema, s_destination, OutputWriterOptions.Default, Format == "json"))
                {
                    await json.WriteBatchAsync(_baselineBatch!, default);
                    await json.CompleteAsync(default);
                    return json.BytesWritten;
                }
        }
    }

    /// <summary>Refuses to measure a writer whose file differs by a byte from the baseline's: the bytes must not change.</summary>
    private void SameBytes()
    {
        var expected = new MemoryStream();
        var actual = new MemoryStream();
        var destination = s_destination;
        try
        {
            s_destination = expected;
            Baseline().GetAwaiter().GetResult();
            s_destination = actual;
            Write().GetAwaiter().GetResult();
        }
        finally
        {
            s_destination = destination;
        }

        if (!expected.ToArray().AsSpan().SequenceEqual(actual.ToArray()))
        {
            throw new InvalidOperationException($"The {Format} writer's bytes differ from the baseline's ({actual.Length} vs {expected.Length} bytes).");
        }
    }

    /// <summary>Today's writer: writes the batch and completes the file.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task<long> Write()
    {
        await using var writer = _format.CreateWriter(s_schema, s_destination, OutputWriterOptions.Default);
        await writer.WriteBatchAsync(_batch!, default);
        await writer.CompleteAsync(default);
        return writer.BytesWritten;
    }
}
