using System.Globalization;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks;

/// <summary>
/// Decodes one synthetic result partition (fixed, real, text, date, timestamp_ntz, timestamp_tz cells) through the
/// same parser <see cref="SnowflakeClient"/> uses. Times are per row (OperationsPerInvoke), so 1/Mean is rows per second.
/// (Issue 15 measured these beside a frozen copy of the decoder before it, in one run: bench/RESULTS.md. The copy was
/// removed afterwards; check out commit 0946cf1 to run that comparison again.)
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PartitionDecodeBenchmarks
{
    private const int Rows = 10_000;

    private static readonly SnowflakeColumn[] s_columns =
    [
        new("ID", SnowflakeType.Fixed, 38, 0, null, null, false, null, null, null) { Ordinal = 0 },
        new("AMOUNT", SnowflakeType.Fixed, 12, 2, null, null, true, null, null, null) { Ordinal = 1 },
        new("RATING", SnowflakeType.Real, null, null, null, null, true, null, null, null) { Ordinal = 2 },
        new("COMMENT", SnowflakeType.Text, null, null, 79, 316, true, null, null, null) { Ordinal = 3 },
        new("DAY", SnowflakeType.Date, null, null, null, null, true, null, null, null) { Ordinal = 4 },
        new("CREATED_AT", SnowflakeType.TimestampNtz, null, 9, null, null, true, null, null, null) { Ordinal = 5 },
        new("SEEN_AT", SnowflakeType.TimestampTz, null, 9, null, null, true, null, null, null) { Ordinal = 6 },
    ];

    /// <summary>Scenario 2's result (bench/README.md): month, the two keys, the RATING sum and the source-row count.</summary>
    private static readonly SnowflakeColumn[] s_keysColumns =
    [
        new("MONTH", SnowflakeType.Date, null, null, null, null, true, null, null, null) { Ordinal = 0 },
        new("USERID", SnowflakeType.Fixed, 38, 0, null, null, true, null, null, null) { Ordinal = 1 },
        new("MOVIEID", SnowflakeType.Fixed, 38, 0, null, null, true, null, null, null) { Ordinal = 2 },
        new("RATING", SnowflakeType.Fixed, 38, 1, null, null, true, null, null, null) { Ordinal = 3 },
        new("_SNOWFERRY_SOURCE_ROWS", SnowflakeType.Fixed, 38, 0, null, null, false, null, null, null) { Ordinal = 4 },
    ];

    private byte[] _json = [];
    private byte[] _gzip = [];
    private byte[] _keysJson = [];
    private byte[] _keysGzip = [];

    /// <summary>Builds the partition from a fixed seed, so every run decodes the same bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261124);
        var json = new StringBuilder("{\"data\":[");
        for (var r = 0; r < Rows; r++)
        {
            var amount = (random.NextInt64(-10_000_000, 10_000_000) / 100m).ToString("F2", CultureInfo.InvariantCulture);
            var rating = (random.Next(1, 11) / 2.0).ToString(CultureInfo.InvariantCulture);
            var comment = random.Next(20) == 0 ? "null" : $"\"{new string((char)('a' + random.Next(26)), random.Next(10, 60))} \\\"quoted\\\"\"";
            var day = random.Next(-3650, 20000);
            var seconds = random.NextInt64(-1_000_000_000, 2_000_000_000);
            var nanos = random.Next(1_000_000_000);
            json.Append(r == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"[\"{r}\",\"{amount}\",\"{rating}\",{comment},\"{day}\",")
                .Append(CultureInfo.InvariantCulture, $"\"{seconds}.{nanos:D9}\",\"{seconds}.{nanos:D9} {1440 + (random.Next(-12, 13) * 60)}\"]");
        }

        _json = Encoding.UTF8.GetBytes(json.Append("]}").ToString());
        _gzip = Gzip(_json);

        // About 37 bytes of JSON a row, as the wire-floor measurement.
        var keys = new StringBuilder("{\"data\":[");
        for (var r = 0; r < Rows; r++)
        {
            keys.Append(r == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"[\"{9131 + (random.Next(0, 300) * 30)}\",\"{random.Next(1, 330_000)}\",\"{random.Next(1, 200_000)}\",")
                .Append(CultureInfo.InvariantCulture, $"\"{random.Next(5, 50) / 10.0:F1}\",\"{random.Next(1, 3)}\"]");
        }

        _keysJson = Encoding.UTF8.GetBytes(keys.Append("]}").ToString());
        _keysGzip = Gzip(_keysJson);
    }

    /// <summary>Scenario 2's shape gzip'd, today's decoder (inflated on the calling thread, as in a decode slot).</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    [BenchmarkCategory("keys-gzip")]
    public async Task<int> DecodeKeysGzip()
    {
        using var raw = await PooledBuffer.ReadAllAsync(new MemoryStream(_keysGzip), _keysGzip.Length + 1, int.MaxValue, default);
        using var body = raw.Gunzip(_keysJson.Length);
        return Released(ResultParser.ParsePartition(body.Span, s_keysColumns, 1, 0, Rows, "bench"));
    }

    private static byte[] Gzip(byte[] json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }

    /// <summary>Plain JSON through today's decoder; the batch is released once read, as a transfer does once it is written.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    [BenchmarkCategory("json")]
    public int DecodeJson() => Released(ResultParser.ParsePartition(_json, s_columns, 1, 0, Rows, "bench"));

    /// <summary>Gzip'd body through today's client path: gunzip into a pooled buffer (in a decode slot), then decode.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    [BenchmarkCategory("gzip")]
    public async Task<int> DecodeGzip()
    {
        using var raw = await PooledBuffer.ReadAllAsync(new MemoryStream(_gzip), _gzip.Length + 1, int.MaxValue, default);
        using var body = raw.Gunzip(_json.Length);
        return Released(ResultParser.ParsePartition(body.Span, s_columns, 1, 0, Rows, "bench"));
    }

    private static int Released(SnowflakeRowBatch batch)
    {
        var rows = batch.RowCount;
        batch.Release();
        return rows;
    }

    /// <summary>Only the gunzip of <see cref="DecodeGzip"/>: what inflating costs of it (profile loop only).</summary>
    internal async Task<int> InflateOnly()
    {
        using var raw = await PooledBuffer.ReadAllAsync(new MemoryStream(_gzip), _gzip.Length + 1, int.MaxValue, default);
        using var body = raw.Gunzip(_json.Length);
        return body.Length;
    }
}
