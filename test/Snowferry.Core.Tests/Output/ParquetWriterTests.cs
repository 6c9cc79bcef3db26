using System.Text;
using Snowferry.Output;
using Snowferry.Snowflake.Values;
using Snowferry.Testing;
using static Snowferry.Tests.Output.TestBatches;

namespace Snowferry.Tests.Output;

public sealed class ParquetWriterTests : IDisposable
{
    private static readonly IOutputFormat s_format = OutputFormats.Find("parquet");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WriteBatchAsync_AllTypes_DuckDbReadsLogicalTypes()
    {
        var file = await WriteAsync(s_format, AllTypes.Schema, [Create(AllTypes.Columns, AllTypes.Rows)]);
        using var reader = new ParquetReader(_temp.Path, file);

        var types = reader.Types();

        Assert.Equal(AllTypes.Schema.Select(c => c.Name), types.Keys);
        Assert.Equal("DECIMAL(38,2)", types["F"]);
        Assert.Equal("DECIMAL(38,0)", types["N"]);
        Assert.Equal("DOUBLE", types["R"]);
        Assert.Equal("VARCHAR", types["T"]);
        Assert.Equal("BOOLEAN", types["B"]);
        Assert.Equal("DATE", types["D"]);
        Assert.Equal("TIMESTAMP_NS", types["NTZ"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["LTZ"]);
        Assert.Equal("BLOB", types["BIN"]);
        Assert.Equal("TIME_NS", types["TI"]);
        var schema = reader.Query("SELECT name, logical_type FROM parquet_schema({file})").ToDictionary(r => r[0]!, r => r[1] ?? "");
        Assert.Contains("isAdjustedToUTC=0", schema["NTZ"], StringComparison.Ordinal);
        Assert.Contains("isAdjustedToUTC=1", schema["LTZ"], StringComparison.Ordinal);
        Assert.Contains("isAdjustedToUTC=1", schema["TZ"], StringComparison.Ordinal);
        Assert.Equal("JsonType()", schema["V"]);
    }

    [Fact]
    public async Task WriteBatchAsync_AllTypes_DuckDbReadsExactValues()
    {
        var file = await WriteAsync(s_format, AllTypes.Schema, [Create(AllTypes.Columns, AllTypes.Rows)]);
        using var reader = new ParquetReader(_temp.Path, file);

        var rows = reader.Query("""
            SELECT F::VARCHAR, N::VARCHAR, R, T, B, D::VARCHAR, epoch_ns(NTZ), epoch_ms(LTZ), epoch_ns(TZ), hex(BIN), V::VARCHAR, TI::VARCHAR
            FROM read_parquet({file})
            """);

        Assert.Equal(3, rows.Count);
        Assert.Equal(
            [AllTypes.BigDecimal, AllTypes.AllNines, "1.5", AllTypes.Text, "True", "2024-02-01", "1705314600123456789",
             "1705314600123", "1705314600000000000", "00FF10", "{\n  \"a\": 1\n}", "23:01:59.5"],
            rows[0]);
        Assert.Equal(
            ["-0.05", "-" + AllTypes.AllNines, "-2.25E-10", "", "False", "1969-12-31", "-1250000000",
             "0", "1705314600500000000", "", "[1,2]", "00:00:00"],
            rows[1]);
        Assert.All(rows[2], Assert.Null);
    }

    [Fact]
    public async Task CompleteAsync_NoBatches_WritesFullSchemaAndZeroRows()
    {
        var file = await WriteAsync(s_format, AllTypes.Schema, []);
        using var reader = new ParquetReader(_temp.Path, file);

        Assert.Equal(AllTypes.Schema.Select(c => c.Name), reader.Types().Keys);
        Assert.Equal("DECIMAL(38,2)", reader.Types()["F"]);
        Assert.Equal("0", reader.Query("SELECT count(*) FROM read_parquet({file})")[0][0]);
    }

    [Fact]
    public async Task WriteBatchAsync_MoreRowsThanRowGroup_SplitsIntoBoundedRowGroups()
    {
        var columns = Ordinals(Column("ID", SnowflakeType.Fixed, 38, 0), Column("NAME", SnowflakeType.Text));
        var rows = Enumerable.Range(0, 10_000).Select(i => new object?[] { (SnowflakeDecimal)i, i % 7 == 0 ? null : $"name {i % 13}" }).ToList();
        var options = new OutputWriterOptions { MaxRowGroupRows = 1_000 };

        var file = await WriteAsync(s_format, Schema(columns), Split(columns, rows, 777, 3001, 1), options);
        using var reader = new ParquetReader(_temp.Path, file);

        var groups = reader.Query("SELECT row_group_id, max(row_group_num_rows) FROM parquet_metadata({file}) GROUP BY ALL ORDER BY 1");
        Assert.Equal(10, groups.Count);
        Assert.All(groups, g => Assert.Equal("1000", g[1]));
        var totals = reader.Query("SELECT count(*), sum(ID)::VARCHAR, count(NAME), min(NAME) FROM read_parquet({file})")[0];
        Assert.Equal(["10000", "49995000", (10_000 - 1_429).ToString(System.Globalization.CultureInfo.InvariantCulture), "name 0"], totals);
        Assert.Equal(
            ["4999", "5000", "5001"],
            reader.Query("SELECT ID::VARCHAR FROM read_parquet({file}, file_row_number = true) WHERE file_row_number BETWEEN 4999 AND 5001 ORDER BY file_row_number").Select(r => r[0]));
    }

    [Fact]
    public async Task WriteBatchAsync_SameRowsInOtherBatches_ByteIdenticalFile()
    {
        var columns = Ordinals(Column("ID", SnowflakeType.Fixed, 38, 0), Column("AMOUNT", SnowflakeType.Fixed, 12, 2), Column("NAME", SnowflakeType.Text));
        var random = new Random(42);
        var rows = Enumerable.Range(0, 20_000)
            .Select(i => new object?[] { (SnowflakeDecimal)i, new SnowflakeDecimal(random.NextInt64(-1_000_000, 1_000_000), 2), $"n{random.Next(500)}" })
            .ToList();
        var options = new OutputWriterOptions { MaxRowGroupRows = 6_000 };

        var first = await WriteAsync(s_format, Schema(columns), Split(columns, rows, 20_000), options);
        var second = await WriteAsync(s_format, Schema(columns), Split(columns, rows, 1, 999, 4097, 5), options);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task WriteBatchAsync_LongTextsPastTheChunkByteLimit_SameBytesAsRowByRow()
    {
        // ~0.9 MiB texts: a chunk reaches its 16 MiB limit around the 18th row. One row per batch cuts exactly where the
        // limit is reached, row by row; a whole batch is appended a column at a time and must cut at the same row.
        var columns = Ordinals(Column("ID", SnowflakeType.Fixed, 38, 0), Column("BODY", SnowflakeType.Text), Column("R", SnowflakeType.Real));
        var rows = Enumerable.Range(0, 45)
            .Select(i => new object?[] { (SnowflakeDecimal)i, i % 9 == 4 ? null : new string((char)('a' + (i % 26)), 900_000 + (i * 1_000)), i % 4 == 0 ? null : i * 0.5 })
            .ToList();

        var whole = await WriteAsync(s_format, Schema(columns), Split(columns, rows, 45));
        var rowByRow = await WriteAsync(s_format, Schema(columns), Split(columns, rows, 1));
        var uneven = await WriteAsync(s_format, Schema(columns), Split(columns, rows, 7, 13, 2, 23));

        Assert.Equal(rowByRow, whole);
        Assert.Equal(rowByRow, uneven);
    }

    [Theory]
    [InlineData(OutputCompression.None)]
    [InlineData(OutputCompression.Snappy)]
    [InlineData(OutputCompression.Zstd)]
    [InlineData(OutputCompression.Gzip)]
    public async Task CreateWriter_EachCompression_ReadableWithCodec(OutputCompression compression)
    {
        var file = await WriteAsync(s_format, AllTypes.Schema, [Create(AllTypes.Columns, AllTypes.Rows)], new OutputWriterOptions { Compression = compression });
        using var reader = new ParquetReader(_temp.Path, file);

        var codec = reader.Query("SELECT DISTINCT compression FROM parquet_metadata({file})").Single()[0];
        Assert.Equal(compression == OutputCompression.None ? "UNCOMPRESSED" : compression.ToString().ToUpperInvariant(), codec);
        Assert.Equal(AllTypes.BigDecimal, reader.Query("SELECT F::VARCHAR FROM read_parquet({file}) LIMIT 1")[0][0]);
    }

    [Fact]
    public async Task WriteBatchAsync_TimestampBeyondNanosecondRange_ThrowsWithColumnAndRow()
    {
        var columns = Ordinals(Column("TS", SnowflakeType.TimestampNtz, scale: 9));
        var far = new SnowflakeTimestamp(253402300799, 0); // 9999-12-31T23:59:59
        await using var writer = s_format.CreateWriter(Schema(columns), new MemoryStream(), OutputWriterOptions.Default);

        var error = await Assert.ThrowsAsync<OutputDataException>(
            async () => await writer.WriteBatchAsync(Create(columns, [[new SnowflakeTimestamp(0, 0)], [far]]), TestContext.Current.CancellationToken));

        Assert.Equal(("TS", 1L), (error.ColumnName, error.RowIndex));
    }

    [Fact]
    public async Task WriteBatchAsync_MicrosecondTimestampFarFuture_Written()
    {
        var columns = Ordinals(Column("TS", SnowflakeType.TimestampNtz, scale: 6));
        var file = await WriteAsync(s_format, Schema(columns), [Create(columns, [[new SnowflakeTimestamp(253402300799, 999_999_000)]])]);
        using var reader = new ParquetReader(_temp.Path, file);

        Assert.Equal("253402300799999999", reader.Query("SELECT epoch_us(TS) FROM read_parquet({file})")[0][0]);
    }

    [Fact]
    public async Task DisposeAsync_WithoutComplete_WritesNoFooter()
    {
        using var output = new MemoryStream();
        var writer = s_format.CreateWriter(AllTypes.Schema, output, OutputWriterOptions.Default);
        await writer.WriteBatchAsync(Create(AllTypes.Columns, AllTypes.Rows), TestContext.Current.CancellationToken);

        await writer.DisposeAsync();

        var bytes = output.ToArray();
        Assert.False(bytes.Length >= 8 && Encoding.ASCII.GetString(bytes[^4..]) == "PAR1", "an abandoned file must not look complete");
    }
}
