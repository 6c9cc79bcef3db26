using System.Text;
using System.Text.Json;
using CsCheck;
using Snowferry.Output;
using Snowferry.Snowflake.Values;
using static Snowferry.Tests.Output.TestBatches;

namespace Snowferry.Tests.Output;

public sealed class JsonWriterTests
{
    private static readonly IOutputFormat s_lines = OutputFormats.Find("jsonl");
    private static readonly IOutputFormat s_array = OutputFormats.Find("json");

    [Fact]
    public async Task WriteBatchAsync_JsonLines_OneObjectPerLineWithExactValues()
    {
        var file = await WriteAsync(s_lines, AllTypes.Schema, [Create(AllTypes.Columns, AllTypes.Rows)]);

        var lines = Encoding.UTF8.GetString(file).Split('\n');

        Assert.Equal(4, lines.Length);
        Assert.Equal("", lines[3]);
        AssertRows(lines[..3].Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList());
    }

    [Fact]
    public async Task WriteBatchAsync_JsonArray_OneArrayWithExactValues()
    {
        var file = await WriteAsync(s_array, AllTypes.Schema, Split(AllTypes.Columns, AllTypes.Rows, 2, 1));

        using var document = JsonDocument.Parse(file);

        AssertRows([.. document.RootElement.EnumerateArray()]);
    }

    [Fact]
    public async Task CompleteAsync_NoBatches_EmptyArrayAndEmptyLines()
    {
        Assert.Equal("[]\n", Encoding.UTF8.GetString(await WriteAsync(s_array, AllTypes.Schema, [])));
        Assert.Empty(await WriteAsync(s_lines, AllTypes.Schema, []));
    }

    [Fact]
    public async Task WriteBatchAsync_NonFiniteDoubles_WrittenAsStrings()
    {
        var columns = Ordinals(Column("R", SnowflakeType.Real));
        var file = await WriteAsync(s_lines, Schema(columns), [Create(columns, [[double.NaN], [double.PositiveInfinity], [double.NegativeInfinity], [0.1]])]);

        Assert.Equal("{\"R\":\"NaN\"}\n{\"R\":\"Infinity\"}\n{\"R\":\"-Infinity\"}\n{\"R\":0.1}\n", Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task WriteBatchAsync_VariantNotJson_KeptAsString()
    {
        var columns = Ordinals(Column("V", SnowflakeType.Variant), Column("G", SnowflakeType.Geography));
        var file = await WriteAsync(s_lines, Schema(columns), [Create(columns, [["not json", "{\"type\":\"Point\"}"]])]);

        Assert.Equal("{\"V\":\"not json\",\"G\":\"{\\\"type\\\":\\\"Point\\\"}\"}\n", Encoding.UTF8.GetString(file));
    }

    [Fact]
    public async Task WriteBatchAsync_SameRowsTwice_IdenticalBytes()
    {
        var first = await WriteAsync(s_array, AllTypes.Schema, [Create(AllTypes.Columns, AllTypes.Rows)]);
        var second = await WriteAsync(s_array, AllTypes.Schema, Split(AllTypes.Columns, AllTypes.Rows, 1));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task WriteBatchAsync_GeneratedDecimalsAndText_RoundTripExactly() =>
        await Gen.Select(Gen.Int128[-(Int128.Parse("99999999999999999999999999999999999999", null)), Int128.Parse("99999999999999999999999999999999999999", null)],
                Gen.String.Null())
            .Array[0, 30]
            .SampleAsync(
                async rows =>
                {
                    var columns = Ordinals(Column("AMOUNT", SnowflakeType.Fixed, 38, 4), Column("NOTE", SnowflakeType.Text));
                    var values = rows.Select(r => new object?[] { new SnowflakeDecimal(r.Item1, 4), r.Item2 }).ToList();
                    var file = await WriteAsync(s_array, Schema(columns), [Create(columns, values)]);

                    using var document = JsonDocument.Parse(file);

                    var read = document.RootElement.EnumerateArray().ToList();
                    Assert.Equal(values.Count, read.Count);
                    for (var i = 0; i < read.Count; i++)
                    {
                        Assert.Equal(values[i][0]!.ToString(), read[i].GetProperty("AMOUNT").GetRawText());
                        var note = read[i].GetProperty("NOTE");
                        Assert.Equal(values[i][1], note.ValueKind == JsonValueKind.Null ? null : note.GetString());
                    }
                },
                seed: "0N0XIzNsQ0O2",
                iter: 200);

    private static void AssertRows(List<JsonElement> rows)
    {
        Assert.Equal(3, rows.Count);
        var first = rows[0];
        Assert.Equal(AllTypes.Schema.Select(c => c.Name), first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, first.GetProperty("F").ValueKind);
        Assert.Equal(AllTypes.BigDecimal, first.GetProperty("F").GetRawText());
        Assert.Equal(AllTypes.AllNines, first.GetProperty("N").GetRawText());
        Assert.Equal(1.5, first.GetProperty("R").GetDouble());
        Assert.Equal(AllTypes.Text, first.GetProperty("T").GetString());
        Assert.True(first.GetProperty("B").GetBoolean());
        Assert.Equal("2024-02-01", first.GetProperty("D").GetString());
        Assert.Equal("2024-01-15T10:30:00.123456789", first.GetProperty("NTZ").GetString());
        Assert.Equal("2024-01-15T10:30:00.123Z", first.GetProperty("LTZ").GetString());
        Assert.Equal("2024-01-15T11:30:00.000000000+01:00", first.GetProperty("TZ").GetString());
        Assert.Equal("00FF10", first.GetProperty("BIN").GetString());
        Assert.Equal("{\"a\":1}", first.GetProperty("V").GetRawText());
        Assert.Equal("23:01:59.500000000", first.GetProperty("TI").GetString());

        var second = rows[1];
        Assert.Equal("-0.05", second.GetProperty("F").GetRawText());
        Assert.Equal("-" + AllTypes.AllNines, second.GetProperty("N").GetRawText());
        Assert.Equal(-2.25e-10, second.GetProperty("R").GetDouble());
        Assert.Equal("", second.GetProperty("T").GetString());
        Assert.Equal("1969-12-31T23:59:58.750000000", second.GetProperty("NTZ").GetString());
        Assert.Equal("2024-01-15T05:00:00.500000000-05:30", second.GetProperty("TZ").GetString());
        Assert.Equal("[1,2]", second.GetProperty("V").GetRawText());

        Assert.All(rows[2].EnumerateObject(), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
        Assert.False(rows[2].TryGetProperty("_SNOWFERRY_SOURCE_ROWS", out _));
    }
}
