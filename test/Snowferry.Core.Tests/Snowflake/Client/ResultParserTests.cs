using System.Numerics;
using System.Text;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Client;

public sealed class ResultParserTests
{
    private const string AllTypesRowType = """
        [{"name":"F","type":"fixed","scale":2,"precision":38,"nullable":true},
         {"name":"R","type":"real","nullable":true},
         {"name":"D","type":"DECFLOAT","nullable":true},
         {"name":"T","type":"text","length":16777216,"byteLength":16777216,"nullable":true,"database":"DB","schema":"PUBLIC","table":"X"},
         {"name":"B","type":"binary","nullable":true},
         {"name":"BO","type":"boolean","nullable":false},
         {"name":"DA","type":"date","nullable":true},
         {"name":"TI","type":"time","scale":9,"nullable":true},
         {"name":"NTZ","type":"timestamp_ntz","scale":9,"nullable":true},
         {"name":"LTZ","type":"timestamp_ltz","scale":9,"nullable":true},
         {"name":"TZ","type":"timestamp_tz","scale":9,"nullable":true},
         {"name":"V","type":"variant","nullable":true},
         {"name":"O","type":"object","nullable":true},
         {"name":"A","type":"array","nullable":true}]
        """;

    [Fact]
    public void ParseResponse_FullResultAllTypes_DecodesEveryCell()
    {
        var json = $$"""
            {"resultSetMetaData":{"numRows":2,"format":"jsonv2","partitionInfo":[{"rowCount":2,"uncompressedSize":400}],
             "rowType":{{AllTypesRowType}}},
             "data":[["12345678901234567890123456789012345.67","-inf","1.5e100","h\u00e9\"llo","00ff","true","17982","82919.000000000",
                      "-1.250000000","1616173619.5","1616173619.000000000 1500","{\"a\":1}","{}","[1,2]"],
                     [null,null,null,null,null,"false",null,null,null,null,null,null,null,null]],
             "code":"090001","sqlState":"00000","message":"Statement executed successfully.",
             "statementHandle":"01b2","statementStatusUrl":"/api/v2/statements/01b2?partition=0","createdOn":1704067200000}
            """;

        var payload = ResultParser.ParseResponse(Encoding.UTF8.GetBytes(json));
        var batch = Assert.IsType<SnowflakeRowBatch>(payload.FirstBatch);

        Assert.Equal("01b2", payload.StatementHandle);
        Assert.Equal(1704067200000, payload.CreatedOnMilliseconds);
        Assert.Equal(2, batch.RowCount);
        Assert.Equal(14, batch.Columns.Count);
        Assert.Equal(SnowflakeType.DecFloat, batch.Columns[2].Type);
        Assert.Equal(("DB", "PUBLIC", "X", 3), (batch.Columns[3].Database, batch.Columns[3].Schema, batch.Columns[3].Table, batch.Columns[3].Ordinal));
        Assert.False(batch.Columns[5].Nullable);

        var fixedValue = batch.GetValue<SnowflakeDecimal>(0, 0);
        Assert.Equal(BigInteger.Parse("1234567890123456789012345678901234567", System.Globalization.CultureInfo.InvariantCulture), (BigInteger)fixedValue.Unscaled);
        Assert.Equal("12345678901234567890123456789012345.67", fixedValue.ToString());
        Assert.Throws<OverflowException>(() => batch.GetValue<decimal>(0, 0));
        Assert.Equal(double.NegativeInfinity, batch.GetValue<double>(0, 1));
        Assert.Equal("1.5e100", batch[0, 2]);
        Assert.Equal("hé\"llo", batch.GetValue<string>(0, 3));
        Assert.Equal(new byte[] { 0, 255 }, batch.GetValue<byte[]>(0, 4));
        Assert.True(batch.GetValue<bool>(0, 5));
        Assert.Equal(new DateOnly(2019, 3, 27), batch[0, 6]);
        Assert.Equal(new TimeOnly(23, 1, 59), batch.GetValue<TimeOnly>(0, 7));
        Assert.Equal(new SnowflakeTimestamp(-2, 750_000_000), batch[0, 8]);
        Assert.Equal(new SnowflakeTimestamp(1616173619, 500_000_000), batch[0, 9]);
        Assert.Equal(60, batch.GetValue<SnowflakeTimestamp>(0, 10).OffsetMinutes);
        Assert.Equal(new DateTimeOffset(2021, 3, 19, 18, 6, 59, TimeSpan.FromHours(1)), batch.GetValue<DateTimeOffset>(0, 10));
        Assert.Equal("{\"a\":1}", batch[0, 11]);
        Assert.Equal("[1,2]", batch[0, 13]);

        for (var c = 0; c < 14; c++)
        {
            Assert.Equal(c != 5, batch.IsNull(1, c));
        }

        Assert.Null(batch.GetValue<double?>(1, 1));
        Assert.Null(batch.GetValue<SnowflakeDecimal?>(1, 0));
        Assert.Throws<InvalidCastException>(() => batch.GetValue<double>(1, 1));
    }

    [Fact]
    public void ParseResponse_DataBeforeMetadata_StillDecodes()
    {
        var json = """
            {"data":[["1.50"]],"resultSetMetaData":{"numRows":1,"partitionInfo":[{"rowCount":1,"uncompressedSize":10}],
             "rowType":[{"name":"X","type":"fixed","scale":2,"precision":10,"nullable":true}]},"statementHandle":"h"}
            """;

        var batch = ResultParser.ParseResponse(Encoding.UTF8.GetBytes(json)).FirstBatch!;

        Assert.Equal(SnowflakeDecimal.Parse("1.50"), batch[0, 0]);
        Assert.Equal(1.5m, batch.GetValue<decimal>(0, 0));
    }

    [Fact]
    public void ParseResponse_FixedShorterThanScale_RescalesToColumnScale()
    {
        var json = """
            {"resultSetMetaData":{"numRows":1,"partitionInfo":[{"rowCount":1,"uncompressedSize":10}],
             "rowType":[{"name":"X","type":"fixed","scale":3,"precision":10,"nullable":true}]},"data":[["7"]]}
            """;

        var batch = ResultParser.ParseResponse(Encoding.UTF8.GetBytes(json)).FirstBatch!;

        Assert.Equal("7.000", batch[0, 0]!.ToString());
        Assert.Equal(7L, batch.GetValue<long>(0, 0));
    }

    [Fact]
    public void ParsePartition_DataOnlyBody_UsesGivenColumnsAndOffsets()
    {
        var columns = new[]
        {
            new SnowflakeColumn("N", SnowflakeType.Fixed, 38, 0, null, null, true, null, null, null),
            new SnowflakeColumn("S", SnowflakeType.Text, null, null, 10, 10, true, null, null, null) { Ordinal = 1 },
        };

        var batch = ResultParser.ParsePartition("""{"data":[["1","a"],["2",null],["3","c"]]}"""u8, columns, 4, 1000, 3, "h");

        Assert.Equal((3, 4, 1000L), (batch.RowCount, batch.PartitionIndex, batch.FirstRowIndex));
        Assert.Equal(3L, batch.GetValue<long>(2, 0));
        Assert.Null(batch[1, 1]);
    }

    [Fact]
    public void ParsePartition_RowsAcrossManyStorageChunks_EveryCellReadsBack()
    {
        // 70,000 rows: several of the column storage's 32 KiB chunks for every type (2,048 decimals, 32,768 flags each).
        const int Rows = 70_000;
        var columns = new[]
        {
            new SnowflakeColumn("N", SnowflakeType.Fixed, 38, 2, null, null, true, null, null, null),
            new SnowflakeColumn("S", SnowflakeType.Text, null, null, 10, 10, true, null, null, null) { Ordinal = 1 },
            new SnowflakeColumn("D", SnowflakeType.Date, null, null, null, null, true, null, null, null) { Ordinal = 2 },
        };
        var json = new StringBuilder("""{"data":[""");
        for (var i = 0; i < Rows; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(i % 7 == 0
                ? "[null,null,null]"
                : FormattableString.Invariant($"[\"{i}.{i % 100:00}\",\"s{i}\",\"{i % 20000}\"]"));
        }

        var batch = ResultParser.ParsePartition(Encoding.UTF8.GetBytes(json.Append("]}").ToString()), columns, 1, 0, Rows, "h");

        Assert.Equal(Rows, batch.RowCount);
        for (var i = 0; i < Rows; i++)
        {
            if (i % 7 == 0)
            {
                Assert.True(batch.IsNull(i, 0) && batch.IsNull(i, 1) && batch.IsNull(i, 2), $"row {i}");
                continue;
            }

            Assert.Equal(FormattableString.Invariant($"{i}.{i % 100:00}"), batch.GetValue<SnowflakeDecimal>(i, 0).ToString());
            Assert.Equal(FormattableString.Invariant($"s{i}"), batch.GetValue<string>(i, 1));
            Assert.Equal(DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + (i % 20000)), batch.GetValue<DateOnly>(i, 2));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.IsNull(Rows, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetValue<string>(-1, 1));
    }

    [Fact]
    public void ParsePartition_RowCountMismatch_ThrowsDataException()
    {
        var columns = new[] { new SnowflakeColumn("N", SnowflakeType.Fixed, 38, 0, null, null, true, null, null, null) };

        var ex = Assert.Throws<SnowflakeDataException>(() => ResultParser.ParsePartition("""{"data":[["1"]]}"""u8, columns, 2, 0, 2, "h"));

        Assert.Equal(2, ex.PartitionIndex);
        Assert.Contains("partitionInfo says 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsePartition_BadCell_NamesPartitionRowColumn()
    {
        var columns = new[]
        {
            new SnowflakeColumn("N", SnowflakeType.Fixed, 38, 0, null, null, true, null, null, null),
            new SnowflakeColumn("D", SnowflakeType.Date, null, null, null, null, true, null, null, null) { Ordinal = 1 },
        };
        var longCell = new string('x', 500);

        var ex = Assert.Throws<SnowflakeDataException>(() =>
            ResultParser.ParsePartition(Encoding.UTF8.GetBytes($$"""{"data":[["1","1"],["2","{{longCell}}"]]}"""), columns, 3, 0, null, "h"));

        Assert.Equal((3, 1L, "D", 1), (ex.PartitionIndex, ex.RowIndex, ex.ColumnName, ex.ColumnIndex));
        Assert.DoesNotContain(longCell, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsePartition_WrongCellCount_Throws()
    {
        var columns = new[] { new SnowflakeColumn("N", SnowflakeType.Text, null, null, null, null, true, null, null, null) };

        Assert.Throws<SnowflakeDataException>(() => ResultParser.ParsePartition("""{"data":[["1","2"]]}"""u8, columns, 1, 0, null, "h"));
    }

    [Fact]
    public void ParsePartition_TruncatedJson_ThrowsJsonException()
    {
        var columns = new[] { new SnowflakeColumn("N", SnowflakeType.Text, null, null, null, null, true, null, null, null) };

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ResultParser.ParsePartition("""{"data":[["1"],["2"""u8, columns, 1, 0, null, "h"));
    }

    [Fact]
    public void ParseResponse_QueryFailure_ReadsStatusFields()
    {
        var payload = ResultParser.ParseResponse("""
            {"code":"000904","message":"SQL compilation error: invalid identifier 'AFAF'","sqlState":"42000","statementHandle":"h1"}
            """u8);

        Assert.Equal(("000904", "42000", "h1"), (payload.Code, payload.SqlState, payload.StatementHandle));
        Assert.Null(payload.FirstBatch);
    }
}
