using System.Globalization;
using System.Text;
using System.Text.Json;
using Snowferry.Snowflake.Values;
using Snowferry.Tests.Output;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// Reads a transfer's file back with readers that share nothing with the writers (DuckDB's Parquet reader, a plain
/// RFC 4180 split, System.Text.Json), every cell as canonical text, and compares it with the reference.
/// </summary>
internal static class TransferOutputReader
{
    public static List<string?[]> ReadParquet(byte[] file)
    {
        var directory = Directory.CreateTempSubdirectory("snowferry-readback-").FullName;
        try
        {
            using var reader = new ParquetReader(directory, file);
            return reader.Query("SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet({file})");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static (string[] Header, List<string?[]> Rows) ReadCsv(byte[] file)
    {
        var text = Encoding.UTF8.GetString(file);
        var records = new List<string?[]>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
                wasQuoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
                field.Clear();
                wasQuoted = false;
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
                records.Add([.. fields]);
                fields.Clear();
                field.Clear();
                wasQuoted = false;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "the CSV ends inside a quoted field");
        Assert.True(field.Length == 0 && fields.Count == 0, "the CSV's last record has no line end");
        return (records[0].Select(h => h!).ToArray(), records.Skip(1).ToList());
    }

    public static List<string?[]> ReadJsonLines(byte[] file, IReadOnlyList<string> columns) =>
        Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Cells(JsonDocument.Parse(line).RootElement, columns)).ToList();

    public static List<string?[]> ReadJsonArray(byte[] file, IReadOnlyList<string> columns)
    {
        using var document = JsonDocument.Parse(file);
        return document.RootElement.EnumerateArray().Select(row => Cells(row, columns)).ToList();
    }

    private static string?[] Cells(JsonElement row, IReadOnlyList<string> columns)
    {
        Assert.Equal(columns, row.EnumerateObject().Select(p => p.Name).ToArray());
        return columns.Select(name => row.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? null : Text(row.GetProperty(name))).ToArray();
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    /// <summary>The reference's value as the text the readers give: ISO dates, decimals with their scale, true/false.</summary>
    public static string? Canonical(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        SnowflakeDecimal d => d.ToString(),
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Cell by cell; floating sums compared to 12 significant digits (their addition order is not fixed).</summary>
    public static void AssertRowsEqual(List<object?[]> expected, List<string?[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(expected[row].Length, actual[row].Length);
            for (var column = 0; column < expected[row].Length; column++)
            {
                var want = expected[row][column];
                var got = actual[row][column];
                if (want is double d && got is not null)
                {
                    var parsed = double.Parse(got, CultureInfo.InvariantCulture);
                    Assert.True(Math.Abs(parsed - d) <= 1e-12 * Math.Max(1, Math.Abs(d)), $"row {row} column {column}: expected {d:R}, got {got}");
                    continue;
                }

                Assert.True(Canonical(want) == got, $"row {row} column {column}: expected {Canonical(want) ?? "NULL"}, got {got ?? "NULL"}");
            }
        }
    }
}
