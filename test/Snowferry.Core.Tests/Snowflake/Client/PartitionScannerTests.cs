using System.Text;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>
/// The decoder's fast path (plain strings and nulls) against the general reader it falls back to: a body either path
/// takes must decode to the same values, and one the fast path gives up on must still decode (or fail) as before.
/// </summary>
public sealed class PartitionScannerTests
{
    private static readonly SnowflakeColumn[] s_columns =
    [
        new("F", SnowflakeType.Fixed, 38, 2, null, null, true, null, null, null) { Ordinal = 0 },
        new("T", SnowflakeType.Text, null, null, null, null, true, null, null, null) { Ordinal = 1 },
        new("R", SnowflakeType.Real, null, null, null, null, true, null, null, null) { Ordinal = 2 },
        new("B", SnowflakeType.Binary, null, null, null, null, true, null, null, null) { Ordinal = 3 },
    ];

    public static TheoryData<string, string> Cells => new()
    {
        // Escapes the fast path undoes itself, against the value the general reader's unescaping gives.
        { "\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d" },
        { "\"line\\nbreak\\ttab\\r\\b\\f\"", "line\nbreak\ttab\r\b\f" },
        { "\"caf\\u00e9 \\u20ac\"", "café €" },
        { "\"emoji \\ud83d\\ude00!\"", "emoji 😀!" },
        { "\"plain h\u00e9llo\"", "plain héllo" },
        { "\"\"", "" },
        { "\"" + new string('x', 70) + "\\\"" + new string('y', 70) + "\"", new string('x', 70) + "\"" + new string('y', 70) },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void ParsePartition_TextCell_DecodesLikeTheGeneralReader(string cell, string expected)
    {
        var fast = Parse($$"""{"data":[["1.5",{{cell}},"2","00ff"]]}""");
        // A bare number in a later row sends the whole body down the general reader's path.
        var general = Parse($$"""{"data":[["1.5",{{cell}},"2","00ff"],["1",null,2,null]]}""", rows: 2);

        Assert.Equal(expected, fast.GetValue<string>(0, 1));
        Assert.Equal(expected, general.GetValue<string>(0, 1));
    }

    [Fact]
    public void ParsePartition_SpacesAndNullsBetweenCells_DecodesEveryCell()
    {
        var batch = Parse("{ \"data\" : [ [ \"-0.05\" , null ,\t\"2.5\"\n, \"0a\" ] ,\r\n [null, \"x\", null, null] ] }\n", rows: 2);

        Assert.Equal("-0.05", batch.GetValue<SnowflakeDecimal>(0, 0).ToString());
        Assert.True(batch.IsNull(0, 1));
        Assert.Equal(2.5, batch.GetValue<double>(0, 2));
        Assert.Equal(new byte[] { 10 }, batch.GetValue<byte[]>(0, 3));
        Assert.True(batch.IsNull(1, 0));
        Assert.Equal("x", batch.GetValue<string>(1, 1));
    }

    [Fact]
    public void ParsePartition_DecimalsWiderThanALong_KeepEveryDigitAndTheColumnScale()
    {
        // Narrow values first, then one past 18 digits: the column turns wide and keeps the earlier values.
        var batch = Parse("""{"data":[["1","x","1","00"],["-12.3","x","1","00"],["12345678901234567890123.45","x","1","00"],["7.125","x","1","00"]]}""", rows: 4);

        Assert.Equal("1.00", batch.GetValue<SnowflakeDecimal>(0, 0).ToString());
        Assert.Equal("-12.30", batch.GetValue<SnowflakeDecimal>(1, 0).ToString());
        Assert.Equal("12345678901234567890123.45", batch.GetValue<SnowflakeDecimal>(2, 0).ToString());
        // A larger scale than the column's keeps its own, as before.
        Assert.Equal("7.125", batch.GetValue<SnowflakeDecimal>(3, 0).ToString());
    }

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("-0", -0.0)]
    [InlineData("123456789012.345", 123456789012.345)]
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    [InlineData("0.30000000000000004", 0.30000000000000004)]
    [InlineData("5.", 5.0)]
    public void ParsePartition_RealCell_IsTheDoubleTheGeneralParseGives(string text, double expected)
    {
        var value = Parse($$"""{"data":[["1",null,"{{text}}",null]]}""").GetValue<double>(0, 2);

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void ParsePartition_TextNotUtf8_NamesTheCell()
    {
        var json = Encoding.UTF8.GetBytes("""{"data":[["1","AB","1",null]]}""");
        json[Array.IndexOf(json, (byte)'A')] = 0xC3;
        json[Array.IndexOf(json, (byte)'B')] = 0x28;

        var e = Assert.Throws<SnowflakeDataException>(() => ResultParser.ParsePartition(json, s_columns, 3, 0, 1, "h"));

        Assert.Equal(("T", 0), (e.ColumnName, e.RowIndex));
    }

    [Fact]
    public void ParsePartition_BinaryAsBareNumber_IsRefusedAsBefore()
    {
        var e = Assert.Throws<SnowflakeDataException>(() => Parse("""{"data":[["1","x","1",12]]}"""));

        Assert.Equal("B", e.ColumnName);
    }

    [Fact]
    public void ParsePartition_OtherFieldsAfterData_StillDecodes()
    {
        var batch = Parse("""{"data":[["1","x","1","00"]],"code":"090001"}""");

        Assert.Equal("x", batch.GetValue<string>(0, 1));
    }

    [Fact]
    public void Release_AfterReading_LeavesNoRowsToRead()
    {
        var batch = Parse("""{"data":[["1","x","1","00"]]}""");
        Assert.True(batch.AllocatedBytes > 0);

        batch.Release();

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetValue<string>(0, 1));
    }

    private static SnowflakeRowBatch Parse(string json, int rows = 1) =>
        ResultParser.ParsePartition(Encoding.UTF8.GetBytes(json), s_columns, 3, 0, rows, "h");
}
