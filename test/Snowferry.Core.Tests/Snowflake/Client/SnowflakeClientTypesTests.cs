using System.Globalization;
using System.Numerics;
using System.Text;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>
/// Every column type through the whole path (Snowflake SQL literal -> local Snowflake -> wire encoding -> client
/// decoding), across several partitions, checked value by value against the values the test generated itself.
/// </summary>
public sealed class SnowflakeClientTypesTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>
{
    private const int RowCount = 2_500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadBatchesAsync_EveryTypeOverSeveralPartitions_DecodesEachValueExactly()
    {
        using var handle = fixture.CreateClient();
        var client = handle.Client;
        var expected = Generate(seed: 20261124, RowCount);

        await client.ExecuteAsync(
            "CREATE OR REPLACE TABLE ALL_TYPES (ID NUMBER(38,0), BIG NUMBER(38,6), PRICE NUMBER(12,2), " +
            "RATIO FLOAT, NAME VARCHAR, FLAG BOOLEAN, DAY DATE, NTZ TIMESTAMP_NTZ, LTZ TIMESTAMP_LTZ, TZ TIMESTAMP_TZ)",
            cancellationToken: Ct);
        foreach (var chunk in expected.Chunk(500))
        {
            var sql = new StringBuilder("INSERT INTO ALL_TYPES VALUES ");
            sql.AppendJoin(", ", chunk.Select(ToValuesTuple));
            await client.ExecuteAsync(sql.ToString(), cancellationToken: Ct);
        }

        var result = await client.ExecuteAsync("SELECT * FROM ALL_TYPES ORDER BY ID", cancellationToken: Ct);

        Assert.True(result.Partitions.Count >= 3, $"expected several partitions, got {result.Partitions.Count}");
        Assert.Equal(
            [SnowflakeType.Fixed, SnowflakeType.Fixed, SnowflakeType.Fixed, SnowflakeType.Real, SnowflakeType.Text,
             SnowflakeType.Boolean, SnowflakeType.Date, SnowflakeType.TimestampNtz, SnowflakeType.TimestampLtz,
             SnowflakeType.TimestampTz],
            result.Columns.Select(c => c.Type));
        Assert.Equal((2, 12), (result.Columns[2].Scale, result.Columns[2].Precision));
        var actual = await SnowflakeClientIntegrationTests.ReadAllAsync(result);
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.Equal(SnowflakeDecimal.Parse(e.Id.ToString(CultureInfo.InvariantCulture)), a[0]);
            Assert.Equal(e.Big, ((SnowflakeDecimal?)a[1])?.ToString());
            Assert.Equal(e.Price, ((SnowflakeDecimal?)a[2])?.ToString());
            Assert.Equal(e.Ratio, (double?)a[3]);
            Assert.Equal(e.Name, a[4]);
            Assert.Equal(e.Flag, (bool?)a[5]);
            Assert.Equal(e.Day, (DateOnly?)a[6]);
            Assert.Equal(e.Ntz, ((SnowflakeTimestamp?)a[7])?.ToDateTime());
            Assert.Equal(e.Ltz?.UtcDateTime, ((SnowflakeTimestamp?)a[8])?.ToDateTimeOffset().UtcDateTime);
            var tz = (SnowflakeTimestamp?)a[9];
            Assert.Equal(e.Tz, tz?.ToDateTimeOffset());
            Assert.Equal(e.Tz?.Offset, tz?.ToDateTimeOffset().Offset);
        }
    }

    private sealed record Row(
        long Id, string? Big, string? Price, double? Ratio, string? Name, bool? Flag, DateOnly? Day,
        DateTime? Ntz, DateTimeOffset? Ltz, DateTimeOffset? Tz);

    private static Row[] Generate(int seed, int count)
    {
        var random = new Random(seed);
        string[] names = ["plain", "", " ", "tab\tand\nnewline", "quote ' and \" and \\", "ünïcödé ✓", "中文"];
        var rows = new Row[count];
        for (var i = 0; i < count; i++)
        {
            bool Null() => random.Next(10) == 0;
            var big = BigInteger.Parse("1" + new string('0', 31), CultureInfo.InvariantCulture) * random.Next(-99_999, 99_999)
                + random.NextInt64();
            var ticks = random.NextInt64(new DateTime(1960, 1, 1).Ticks, new DateTime(2040, 1, 1).Ticks) / 10 * 10;
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 4, 14 * 4) * 15);
            rows[i] = new Row(
                Id: i + 1,
                Big: Null() ? null : FormatScaled(big, 6),
                Price: Null() ? null : FormatScaled(random.NextInt64(-9_999_999_999, 9_999_999_999), 2),
                Ratio: Null() ? null : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 15)),
                Name: Null() ? null : names[random.Next(names.Length)] + (i % 3 == 0 ? i.ToString(CultureInfo.InvariantCulture) : ""),
                Flag: Null() ? null : random.Next(2) == 1,
                Day: Null() ? null : DateOnly.FromDateTime(new DateTime(ticks)),
                Ntz: Null() ? null : new DateTime(ticks),
                Ltz: Null() ? null : new DateTimeOffset(new DateTime(ticks), TimeSpan.Zero),
                Tz: Null() ? null : new DateTimeOffset(new DateTime(ticks), offset));
        }

        return rows;
    }

    private static string FormatScaled(BigInteger unscaled, int scale)
    {
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        return (unscaled.Sign < 0 ? "-" : "") + digits[..^scale] + "." + digits[^scale..];
    }

    private static string ToValuesTuple(Row r) =>
        "(" + string.Join(", ",
            r.Id.ToString(CultureInfo.InvariantCulture),
            r.Big ?? "NULL",
            r.Price ?? "NULL",
            r.Ratio is { } d ? $"'{d.ToString("R", CultureInfo.InvariantCulture)}'::FLOAT" : "NULL",
            r.Name is { } s ? "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'" : "NULL",
            r.Flag is { } b ? (b ? "TRUE" : "FALSE") : "NULL",
            r.Day is { } day ? $"'{day:yyyy-MM-dd}'::DATE" : "NULL",
            r.Ntz is { } ntz ? $"'{ntz:yyyy-MM-dd HH:mm:ss.ffffff}'::TIMESTAMP_NTZ" : "NULL",
            r.Ltz is { } ltz ? $"'{ltz:yyyy-MM-dd HH:mm:ss.ffffff zzz}'::TIMESTAMP_LTZ" : "NULL",
            r.Tz is { } tz ? $"'{tz:yyyy-MM-dd HH:mm:ss.ffffff zzz}'::TIMESTAMP_TZ" : "NULL") + ")";
}
