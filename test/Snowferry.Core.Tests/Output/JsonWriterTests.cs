using System.Text;
using System.Text.Encodings.Web;
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

    /// <summary>Text of every kind of character JSON treats differently: controls, quotes, backslashes, HTML-sensitive, non-ASCII, emoji.</summary>
    private static readonly Gen<string> s_texts =
        Gen.OneOf(
            Gen.Char[(char)0, (char)127].Select(c => c.ToString()),
            Gen.Char['\u00a0', '\u07ff'].Select(c => c.ToString()),
            Gen.Char['\u0800', '\ud7ff'].Select(c => c.ToString()),
            Gen.OneOf("😀", "\u2028", "+", "<&>'", "\\\""))
        .Array[0, 12].Select(parts => string.Concat(parts));

    private static readonly Gen<double> s_doubles = Gen.OneOf(
        Gen.Double,
        Gen.Double[-1e6, 1e6],
        Gen.OneOf(0.0, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 1e16, 1e-7, 0.1, double.NaN, double.PositiveInfinity, double.NegativeInfinity));

    [Fact]
    public async Task WriteBatchAsync_GeneratedRows_SameBytesAsUtf8JsonWriter()
    {
        var columns = Ordinals(
            Column("T", SnowflakeType.Text),
            Column("R", SnowflakeType.Real),
            Column("Q\"é<+", SnowflakeType.Boolean),
            Column("BIN", SnowflakeType.Binary));
        var rows = Gen.Select(s_texts.Null(), s_doubles, Gen.OneOf(Gen.Const((object?)null), Gen.Bool.Select(b => (object?)b)), Gen.Byte.Array[0, 6].Null())
            .Select((t, r, b, bin) => new object?[] { t, r, b, bin })
            .Array[1, 40];
        await rows.SampleAsync(
            async generated =>
            {
                foreach (var (format, array) in new[] { (s_lines, false), (s_array, true) })
                {
                    var file = await WriteAsync(format, Schema(columns), [Create(columns, generated)]);
                    Assert.Equal(Reference(columns, generated, array), Encoding.UTF8.GetString(file));
                }
            },
            seed: "0W5mHq2rT9bE",
            iter: 300);
    }

    /// <summary>The same rows through System.Text.Json's own writer, value by value, as the format describes them.</summary>
    private static string Reference(SnowflakeColumn[] columns, object?[][] rows, bool array)
    {
        var encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        var text = new StringBuilder(array ? "[" : "");
        for (var r = 0; r < rows.Length; r++)
        {
            using var line = new MemoryStream();
            using (var json = new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = encoder }))
            {
                json.WriteStartObject();
                for (var c = 0; c < columns.Length; c++)
                {
                    json.WritePropertyName(JsonEncodedText.Encode(columns[c].Name, encoder));
                    switch (rows[r][c])
                    {
                        case null:
                            json.WriteNullValue();
                            break;
                        case string s:
                            json.WriteStringValue(s);
                            break;
                        case double d when double.IsFinite(d):
                            json.WriteNumberValue(d);
                            break;
                        case double d:
                            json.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                            break;
                        case bool b:
                            json.WriteBooleanValue(b);
                            break;
                        case byte[] bytes:
                            json.WriteStringValue(Convert.ToHexString(bytes));
                            break;
                    }
                }

                json.WriteEndObject();
            }

            text.Append(array ? (r == 0 ? "\n" : ",\n") : "").Append(Encoding.UTF8.GetString(line.ToArray())).Append(array ? "" : "\n");
        }

        return text.Append(array ? "\n]\n" : "").ToString();
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
