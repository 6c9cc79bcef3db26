using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Snowferry.Output;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks;

/// <summary>
/// Writes one seeded 10,000-row batch shaped like an aggregated output (month DATE, text keys, a NUMBER(38,2) sum, a
/// NUMBER(38,0) sum, a FLOAT sum, an LTZ timestamp) with each format's writer to <see cref="Stream.Null"/>. Times are
/// per row (OperationsPerInvoke), so 1/Mean is rows per second; Allocated is per row too. (Issue 15 measured these
/// beside a frozen copy of the writers before it, in one run: bench/RESULTS.md; the copy was removed afterwards, and
/// OutputGoldenTests now pins each format's bytes. Check out commit 0946cf1 to run that comparison again.)
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

    private static readonly Stream s_destination = Stream.Null;
    private SnowflakeRowBatch? _batch;
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
