using System.Security.Cryptography;
using Snowferry.Output;
using Snowferry.Snowflake.Values;
using static Snowferry.Tests.Output.TestBatches;

namespace Snowferry.Tests.Output;

/// <summary>
/// The bytes of each format, pinned: a seeded table of every column type (3,000 rows in uneven batches, NULLs, escapes,
/// 38-digit decimals, non-finite doubles) must hash as recorded. The contract promises the same file for the same
/// rows, across runs and across versions: a change here is a change users see (a stakeholder's checksums, a diff of
/// two deliveries), made on purpose or not at all. The hashes were recorded on 2026-12-07, and the same rows written
/// by the writers as they were before that week's speed work (issue 15's Baseline copies) gave the same four hashes.
/// </summary>
public sealed class OutputGoldenTests
{
    private const int Rows = 3000;

    [Theory]
    [InlineData("parquet", "527676c82673f867f871ea14d4df133a51cfd60afd78dff8c97f5548b28468cd")]
    [InlineData("csv", "6c3190f9d2c1e08cb608c594849a3e6ce31187552bd62d7a6182893fc776ca0a")]
    [InlineData("jsonl", "f33373758f6c6e66465549bc31bb774e9bf9b0d66c82a261b4df2bfd942c3d94")]
    [InlineData("json", "4f5e6686259b45e9afc081f36cb6c2723fc75c2c0df0c2f855e878b367c6265d")]
    public async Task WriteBatchAsync_SeededTable_SameBytesAsRecorded(string format, string sha256)
    {
        var rows = SeededRows();
        // Uneven batches: the file may not depend on how the rows arrived.
        var file = await WriteAsync(OutputFormats.Find(format), AllTypes.Schema, Split(AllTypes.Columns, rows, 1, 999, 1024, 7, 2000));

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    private static object?[][] SeededRows()
    {
        var random = new Random(20261207);
        string[] texts = ["a", "b,c", "q\"uote", "ünïcödé ✓", "line\r\nbreak", "", "tab\there", "<&>'+", "😀"];
        string[] variants = ["{\n  \"a\": 1\n}", "[1, 2]", "\"s\"", "not json", "null"];
        var rows = new object?[Rows][];
        for (var r = 0; r < Rows; r++)
        {
            object? Maybe(object value) => random.Next(20) == 0 ? null : value;
            var seconds = random.NextInt64(-2_000_000_000, 4_000_000_000);
            var big = ((Int128)random.NextInt64() * random.Next(1, 1_000_000_000)) + random.Next();
            rows[r] =
            [
                Maybe(new SnowflakeDecimal(random.Next(4) == 0 ? big : random.NextInt64(-1_000_000_000_000, 1_000_000_000_000), 2)),
                Maybe(new SnowflakeDecimal(random.Next(4) == 0 ? -big : random.NextInt64(), 0)),
                Maybe(random.Next(50) switch
                {
                    0 => double.NaN,
                    1 => double.NegativeInfinity,
                    2 => -0.0,
                    _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 18)),
                }),
                Maybe(texts[random.Next(texts.Length)] + random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Maybe(random.Next(2) == 0),
                Maybe(DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber))),
                Maybe(new SnowflakeTimestamp(seconds, random.Next(1_000_000_000))),
                Maybe(new SnowflakeTimestamp(seconds, random.Next(1000) * 1_000_000)),
                Maybe(new SnowflakeTimestamp(seconds, random.Next(1_000_000_000), random.Next(-14 * 60, (14 * 60) + 1))),
                Maybe(Enumerable.Range(0, random.Next(5)).Select(_ => (byte)random.Next(256)).ToArray()),
                Maybe(variants[random.Next(variants.Length)]),
                Maybe(new SnowflakeTime(random.NextInt64(86_400L * 1_000_000_000))),
                SnowflakeDecimal.Parse("1"),
            ];
        }

        return rows;
    }
}
