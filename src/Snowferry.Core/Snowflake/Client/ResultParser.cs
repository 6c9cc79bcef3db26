using System.Text.Json;
using Snowferry.Snowflake.Values;

namespace Snowferry.Snowflake.Client;

/// <summary>
/// Reads SQL API bodies with <see cref="Utf8JsonReader"/>: metadata into small objects, <c>data</c> straight into
/// typed column buffers (no intermediate string grid).
/// </summary>
internal static partial class ResultParser
{
    /// <summary>Parses a full response (result set, query status or failure). Throws <see cref="JsonException"/> on bad JSON.</summary>
    public static ResponsePayload ParseResponse(ReadOnlySpan<byte> json)
    {
        var payload = new ResponsePayload();
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        Expect(ref reader, JsonTokenType.StartObject);
        var dataStart = -1L;
        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Read(ref reader);
            switch (name)
            {
                case "code": payload.Code = StringOrNull(ref reader); break;
                case "sqlState": payload.SqlState = StringOrNull(ref reader); break;
                case "message": payload.Message = StringOrNull(ref reader); break;
                case "statementHandle": payload.StatementHandle = StringOrNull(ref reader); break;
                case "statementStatusUrl": payload.StatementStatusUrl = StringOrNull(ref reader); break;
                case "createdOn": payload.CreatedOnMilliseconds = Int64OrNull(ref reader); break;
                case "statementHandles": payload.StatementHandles = ReadHandles(ref reader); break;
                case "resultSetMetaData": ReadMetadata(ref reader, payload); break;
                case "stats": payload.Stats = ReadStats(ref reader); break;
                case "data":
                    // rowType may come after data, so note where data starts and decode it once the columns are known.
                    dataStart = reader.TokenStartIndex;
                    reader.Skip();
                    break;
                default: reader.Skip(); break;
            }
        }

        if (dataStart >= 0 && payload.Columns is { } columns)
        {
            var dataReader = new Utf8JsonReader(json[(int)dataStart..], isFinalBlock: true, state: default);
            dataReader.Read();
            // A multi-statement request's data is a summary line, not a result set: its metadata is not documented to
            // describe it, so only a real result set's rows are checked against partitionInfo.
            var expected = payload.Partitions is { Count: > 0 } partitions && payload.StatementHandles is null ? partitions[0].RowCount : (int?)null;
            payload.FirstBatch = TryScanData(json, (int)dataStart, columns, 0, 0, expected, out _)
                ?? ReadData(ref dataReader, columns, 0, 0, expected, payload.StatementHandle);
        }

        return payload;
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, ResponsePayload payload)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        payload.NumRows = Int64(root, "numRows");
        if (root.TryGetProperty("partitionInfo", out var partitions) && partitions.ValueKind == JsonValueKind.Array)
        {
            payload.Partitions = [.. partitions.EnumerateArray().Select(p => new SnowflakePartitionInfo(
                (int)(Int64(p, "rowCount") ?? 0), Int64(p, "uncompressedSize") ?? 0, Int64(p, "compressedSize")))];
        }

        if (root.TryGetProperty("rowType", out var rowType) && rowType.ValueKind == JsonValueKind.Array)
        {
            var columns = new List<SnowflakeColumn>();
            foreach (var c in rowType.EnumerateArray())
            {
                var typeName = String(c, "type");
                if (string.IsNullOrEmpty(typeName))
                {
                    throw new SnowflakeDataException(
                        $"Column {String(c, "name")} has no type in resultSetMetaData.rowType.", 0, columnName: String(c, "name"), columnIndex: columns.Count);
                }

                // Snowflake adds types (file, interval_year_month, interval_day_time, ...); cells are JSON strings
                // whatever the type, so one snowferry does not know is carried as its exact text rather than refused.
                var type = SnowflakeTypeNames.TryParse(typeName, out var known) ? known : SnowflakeType.Text;
                columns.Add(new SnowflakeColumn(
                    String(c, "name") ?? $"COLUMN{columns.Count + 1}", type, (int?)Int64(c, "precision"), (int?)Int64(c, "scale"),
                    Int64(c, "length"), Int64(c, "byteLength"), !c.TryGetProperty("nullable", out var n) || n.ValueKind != JsonValueKind.False,
                    String(c, "database"), String(c, "schema"), String(c, "table"))
                { Ordinal = columns.Count, WireType = typeName });
            }

            payload.Columns = columns;
        }
    }

    private static SnowflakeStatementStats? ReadStats(ref Utf8JsonReader reader)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var s = doc.RootElement;
        return s.ValueKind != JsonValueKind.Object ? null : new SnowflakeStatementStats(
            Int64(s, "numRowsInserted"), Int64(s, "numRowsUpdated"), Int64(s, "numRowsDeleted"), Int64(s, "numDuplicateRowsUpdated"));
    }

    private static List<string>? ReadHandles(ref Utf8JsonReader reader)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            // Some answers spell the list as one comma-separated string.
            JsonValueKind.String => [.. root.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            _ => null,
        };
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Int64(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n
        : v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, out n) ? n
        : null;

    private static string? StringOrNull(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static long? Int64OrNull(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt64(out var n) => n,
        JsonTokenType.String when long.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => SkipNull(ref reader),
    };

    private static long? SkipNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} in the response body.");
        }
    }

    private static bool Read(ref Utf8JsonReader reader) =>
        reader.Read() ? true : throw new JsonException("The response body ended early.");
}
