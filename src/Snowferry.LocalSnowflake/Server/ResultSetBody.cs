using System.Text.Json;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// The 200 ResultSet body: <c>resultSetMetaData</c> (numRows, format, partitionInfo, rowType), partition 0's
/// <c>data</c> inline, the success code, handle, status URL, <c>createdOn</c>, and <c>stats</c> for DML or
/// <c>statementHandles</c> for a multi-statement request. Field order follows SQL_API.md's example.
/// </summary>
internal static class ResultSetBody
{
    public const string SuccessCode = "090001";
    public const string SuccessSqlState = "00000";
    public const string SuccessMessage = "Statement executed successfully.";

    /// <summary>The documented code of a 200 that does not hold the whole result set; the message is this server's.</summary>
    public const string IncompleteCode = "391908";
    public const string IncompleteMessage = "The result set is too large to be returned in full.";

    public static ReadOnlyMemory<byte> Write(StatementRun run, StoredResult result) => JsonBody.Write((run, result), static (json, s) =>
    {
        var (run, result) = s;
        json.WriteStartObject();
        json.WriteStartObject("resultSetMetaData");
        json.WriteNumber("numRows", result.NumRows);
        json.WriteString("format", "jsonv2");
        json.WriteStartArray("partitionInfo");
        foreach (var partition in result.Partitions)
        {
            json.WriteStartObject();
            json.WriteNumber("rowCount", partition.RowCount);
            json.WriteNumber("uncompressedSize", partition.UncompressedSize);
            // Partition 0 travels inline and uncompressed, so it has no compressed size (as in Snowflake's answers).
            if (partition.CompressedSize is { } compressed)
            {
                json.WriteNumber("compressedSize", compressed);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rowType");
        foreach (var column in result.Columns)
        {
            WriteColumn(json, column);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WritePropertyName("data");
        json.WriteRawValue(result.FirstPartitionData.Span, skipInputValidation: true);
        json.WriteString("code", result.Incomplete ? IncompleteCode : SuccessCode);
        json.WriteString("sqlState", SuccessSqlState);
        json.WriteString("message", result.Incomplete ? IncompleteMessage : SuccessMessage);
        json.WriteString("statementHandle", run.Handle);
        json.WriteString("statementStatusUrl", run.StatusUrl);
        json.WriteNumber("createdOn", run.CreatedOnMilliseconds);
        if (result.RowsInserted is not null || result.RowsUpdated is not null || result.RowsDeleted is not null)
        {
            json.WriteStartObject("stats");
            json.WriteNumber("numRowsInserted", result.RowsInserted ?? 0);
            json.WriteNumber("numRowsUpdated", result.RowsUpdated ?? 0);
            json.WriteNumber("numRowsDeleted", result.RowsDeleted ?? 0);
            json.WriteNumber("numDuplicateRowsUpdated", 0);
            json.WriteEndObject();
        }

        if (run.ChildHandles is { } handles)
        {
            json.WriteStartArray("statementHandles");
            foreach (var handle in handles)
            {
                json.WriteStringValue(handle);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    });

    private static void WriteColumn(Utf8JsonWriter json, EngineColumn column)
    {
        json.WriteStartObject();
        json.WriteString("name", column.Name);
        json.WriteString("database", column.Database);
        json.WriteString("schema", column.Schema);
        json.WriteString("table", column.Table);
        json.WriteString("type", column.Type);
        json.WriteNullableNumber("scale", column.Scale);
        json.WriteNullableNumber("precision", column.Precision);
        json.WriteNullableNumber("length", column.Length);
        json.WriteNullableNumber("byteLength", column.ByteLength);
        json.WriteBoolean("nullable", column.Nullable);
        json.WriteNull("collation");
        json.WriteEndObject();
    }
}
