using System.IO.Compression;
using CsCheck;
using Snowferry.Output;
using Snowferry.Snowflake.Values;
using static Snowferry.Tests.Output.TestBatches;

namespace Snowferry.Tests.Output;

public sealed class CsvWriterTests
{
    private static readonly IOutputFormat s_format = OutputFormats.Find("csv");

    [Fact]
    public async Task WriteBatchAsync_AllTypes_HeaderAndInvariantIsoText()
    {
        var file = await WriteAsync(s_format, AllTypes.Schema, [Create(AllTypes.Columns, AllTypes.Rows)]);

        var records = Rfc4180Reader.Read(file);

        Assert.Equal(4, records.Count);
        Assert.Equal(AllTypes.Schema.Select(c => c.Name), records[0]);
        Assert.Equal(
            [AllTypes.BigDecimal, AllTypes.AllNines, "1.5", AllTypes.Text, "true", "2024-02-01", "2024-01-15T10:30:00.123456789",
             "2024-01-15T10:30:00.123Z", "2024-01-15T11:30:00.000000000+01:00", "00FF10", "{\n  \"a\": 1\n}", "23:01:59.500000000"],
            records[1]);
        Assert.Equal(
            ["-0.05", "-" + AllTypes.AllNines, "-2.25E-10", "", "false", "1969-12-31", "1969-12-31T23:59:58.750000000",
             "1970-01-01T00:00:00.000Z", "2024-01-15T05:00:00.500000000-05:30", "", "[1,2]", "00:00:00.000000000"],
            records[2]);
        Assert.All(records[3], Assert.Null);
    }

    [Fact]
    public async Task WriteBatchAsync_NullAndEmptyString_EmptyFieldAndQuotedEmpty()
    {
        var columns = Ordinals(Column("A", SnowflakeType.Text), Column("B", SnowflakeType.Text));
        var file = await WriteAsync(s_format, Schema(columns), [Create(columns, [[null, ""]])]);

        Assert.Equal("A,B\r\n,\"\"\r\n", System.Text.Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task CompleteAsync_NoBatches_HeaderOnly()
    {
        var file = await WriteAsync(s_format, AllTypes.Schema, []);

        Assert.Equal(string.Join(',', AllTypes.Schema.Select(c => c.Name)) + "\r\n", System.Text.Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task WriteBatchAsync_QuotesInHeaderName_Quoted()
    {
        var columns = Ordinals(Column("a,\"b\"", SnowflakeType.Boolean));
        var file = await WriteAsync(s_format, Schema(columns), [Create(columns, [[true]])]);

        Assert.Equal("\"a,\"\"b\"\"\"\r\ntrue\r\n", System.Text.Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task CreateWriter_Gzip_DecompressesToSameCsv()
    {
        var plain = await WriteAsync(s_format, AllTypes.Schema, [Create(AllTypes.Columns, AllTypes.Rows)]);
        var options = new OutputWriterOptions { Compression = OutputCompression.Gzip };
        var gzip = await WriteAsync(s_format, AllTypes.Schema, [Create(AllTypes.Columns, AllTypes.Rows)], options);

        using var unzip = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var result = new MemoryStream();
        await unzip.CopyToAsync(result, TestContext.Current.CancellationToken);
        Assert.Equal(plain, result.ToArray());
        Assert.Equal(new OutputFileType(".csv.gz", "application/gzip"), s_format.DescribeFile(options));
    }

    [Fact]
    public async Task WriteBatchAsync_ManyRowsSmallFlushThreshold_SameBytesAsOneFlush()
    {
        var columns = Ordinals(Column("ID", SnowflakeType.Fixed, 38, 0), Column("NAME", SnowflakeType.Text));
        var rows = Enumerable.Range(0, 5_000).Select(i => new object?[] { (SnowflakeDecimal)i, new string('x', i % 50) }).ToList();

        var big = await WriteAsync(s_format, Schema(columns), Split(columns, rows, 5_000));
        var small = await WriteAsync(s_format, Schema(columns), Split(columns, rows, 7, 300), new OutputWriterOptions { FlushThresholdBytes = 4096 });

        Assert.Equal(big, small);
        Assert.Equal(5_001, Rfc4180Reader.Read(small).Count);
    }

    [Fact]
    public async Task WriteBatchAsync_SchemaNameMismatch_ThrowsOutputDataException()
    {
        var columns = Ordinals(Column("A", SnowflakeType.Text));
        await using var writer = s_format.CreateWriter([new OutputColumn("B", SnowflakeType.Text)], new MemoryStream(), OutputWriterOptions.Default);

        var error = await Assert.ThrowsAsync<OutputDataException>(
            async () => await writer.WriteBatchAsync(Create(columns, [["x"]]), TestContext.Current.CancellationToken));

        Assert.Equal(("B", 0), (error.ColumnName, error.ColumnIndex));
        Assert.Contains("A (text)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteBatchAsync_SchemaTypeMismatch_ThrowsOutputDataException()
    {
        var columns = Ordinals(Column("A", SnowflakeType.Real));
        await using var writer = s_format.CreateWriter([new OutputColumn("A", SnowflakeType.Fixed, 38, 0)], new MemoryStream(), OutputWriterOptions.Default);

        await Assert.ThrowsAsync<OutputDataException>(
            async () => await writer.WriteBatchAsync(Create(columns, [[1.0]]), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteBatchAsync_GeneratedText_RoundTripsThroughRfc4180() =>
        await Gen.Select(Gen.String[Gen.Char[" ,\"\r\n\tabcé✓"], 0, 20].Null(), Gen.String[Gen.Char.AlphaNumeric, 0, 5].Null())
            .Array[1, 20]
            .SampleAsync(
                async rows =>
                {
                    var columns = Ordinals(Column("X", SnowflakeType.Text), Column("Y", SnowflakeType.Text));
                    var file = await WriteAsync(s_format, Schema(columns), [Create(columns, rows.Select(r => new object?[] { r.Item1, r.Item2 }))]);

                    var records = Rfc4180Reader.Read(file);

                    Assert.Equal(rows.Select(r => new[] { r.Item1, r.Item2 }), records.Skip(1));
                },
                seed: "0N0XIzNsQ0O2",
                iter: 300);
}
