using System.Globalization;
using System.Text.Json;
using Snowferry.Output;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Output;

/// <summary>
/// Builds batches the way the client does: CLR values are encoded as SQL API wire cells (decimals as text, dates as
/// epoch days, timestamps as epoch seconds with an offset code) and decoded by the client's own parser.
/// </summary>
internal static class TestBatches
{
    public static SnowflakeColumn Column(string name, SnowflakeType type, int? precision = null, int? scale = null) =>
        new(name, type, precision, scale, null, null, true, null, null, null);

    public static SnowflakeColumn[] Ordinals(params SnowflakeColumn[] columns) =>
        [.. columns.Select((c, i) => c with { Ordinal = i })];

    public static OutputColumn[] Schema(IReadOnlyList<SnowflakeColumn> columns, int? count = null) =>
        [.. columns.Take(count ?? columns.Count).Select(c => new OutputColumn(c.Name, c.Type, c.Precision, c.Scale))];

    public static SnowflakeRowBatch Create(IReadOnlyList<SnowflakeColumn> columns, IEnumerable<object?[]> rows, long firstRow = 0)
    {
        using var json = new MemoryStream();
        var count = 0;
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                for (var c = 0; c < columns.Count; c++)
                {
                    var cell = Wire(row[c], columns[c].Type);
                    if (cell is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        writer.WriteStringValue(cell);
                    }
                }

                writer.WriteEndArray();
                count++;
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return ResultParser.ParsePartition(json.ToArray(), columns, 0, firstRow, count, "test");
    }

    /// <summary>Splits rows into batches of the given sizes, cycling through them.</summary>
    public static IEnumerable<SnowflakeRowBatch> Split(IReadOnlyList<SnowflakeColumn> columns, IReadOnlyList<object?[]> rows, params int[] sizes)
    {
        var start = 0;
        for (var i = 0; start < rows.Count; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], rows.Count - start);
            yield return Create(columns, rows.Skip(start).Take(size), start);
            start += size;
        }
    }

    public static async Task<byte[]> WriteAsync(
        IOutputFormat format, OutputColumn[] schema, IEnumerable<SnowflakeRowBatch> batches, OutputWriterOptions? options = null)
    {
        var ct = TestContext.Current.CancellationToken;
        using var output = new MemoryStream();
        await using (var writer = format.CreateWriter(schema, output, options ?? OutputWriterOptions.Default))
        {
            foreach (var batch in batches)
            {
                await writer.WriteBatchAsync(batch, ct);
            }

            await writer.CompleteAsync(ct);
            Assert.Equal(output.Length, writer.BytesWritten);
        }

        return output.ToArray();
    }

    private static string? Wire(object? value, SnowflakeType type) => value switch
    {
        null => null,
        SnowflakeDecimal d => d.ToString(),
        double r => double.IsNaN(r) ? "NaN" : double.IsPositiveInfinity(r) ? "inf" : double.IsNegativeInfinity(r) ? "-inf" : r.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly date => (date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber).ToString(CultureInfo.InvariantCulture),
        SnowflakeTime t => new SnowflakeDecimal(t.NanosecondsSinceMidnight, 9).ToString(),
        SnowflakeTimestamp ts => new SnowflakeDecimal(((Int128)ts.EpochSeconds * 1_000_000_000) + ts.Nanoseconds, 9)
            + (type == SnowflakeType.TimestampTz ? " " + (ts.OffsetMinutes.GetValueOrDefault() + 1440).ToString(CultureInfo.InvariantCulture) : ""),
        byte[] bytes => Convert.ToHexString(bytes),
        string s => s,
        _ => throw new ArgumentException($"No wire form for {value.GetType()}."),
    };
}
