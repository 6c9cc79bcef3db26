using System.Text;
using System.Text.Json;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>
/// Reads SQL API bodies with <see cref="Utf8JsonReader"/>: metadata into small objects, <c>data</c> straight into
/// typed column buffers (no intermediate string grid).
/// </summary>
internal static class BaselineResultParser
{
    /// <summary>Parses a partition body <c>{"data":[...]}</c> (or a full response) given the result's columns.</summary>
    public static BaselineRowBatch ParsePartition(
        ReadOnlySpan<byte> json, IReadOnlyList<SnowflakeColumn> columns, int partitionIndex, long firstRowIndex, int? expectedRows, string? handle)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        Expect(ref reader, JsonTokenType.StartObject);
        BaselineRowBatch? batch = null;
        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isData = reader.ValueTextEquals("data"u8);
            Read(ref reader);
            if (isData)
            {
                batch = ReadData(ref reader, columns, partitionIndex, firstRowIndex, expectedRows, handle);
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("Partition body is not one JSON object.");
        }

        return batch ?? throw new SnowflakeDataException(
            $"Partition {partitionIndex} of statement {handle} has no \"data\" field.", partitionIndex, statementHandle: handle);
    }

    private static BaselineRowBatch ReadData(
        ref Utf8JsonReader reader, IReadOnlyList<SnowflakeColumn> columns, int partitionIndex, long firstRowIndex, int? expectedRows, string? handle)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SnowflakeDataException($"Partition {partitionIndex}: \"data\" is not an array.", partitionIndex, statementHandle: handle);
        }

        var buffers = new BaselineColumnBuffer[columns.Count];
        for (var c = 0; c < buffers.Length; c++)
        {
            buffers[c] = BaselineColumnBuffer.Create(columns[c]);
        }

        var row = 0;
        while (Read(ref reader) && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new SnowflakeDataException($"Partition {partitionIndex}, row {row}: a row is not an array.", partitionIndex, row, statementHandle: handle);
            }

            for (var c = 0; c < buffers.Length; c++)
            {
                Read(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    throw new SnowflakeDataException(
                        $"Partition {partitionIndex}, row {row}: {c} cells for {buffers.Length} columns.", partitionIndex, row, statementHandle: handle);
                }

                if (!buffers[c].TryAppend(ref reader))
                {
                    throw CellError(ref reader, columns[c], partitionIndex, row, handle);
                }
            }

            Read(ref reader);
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new SnowflakeDataException(
                    $"Partition {partitionIndex}, row {row}: more cells than the {buffers.Length} columns.", partitionIndex, row, statementHandle: handle);
            }

            row++;
        }

        if (expectedRows is { } expected && expected != row)
        {
            throw new SnowflakeDataException(
                $"Partition {partitionIndex} of statement {handle} has {row} rows; partitionInfo says {expected}.", partitionIndex, statementHandle: handle);
        }

        return new BaselineRowBatch(columns, buffers, row, partitionIndex, firstRowIndex);
    }

    private static SnowflakeDataException CellError(ref Utf8JsonReader reader, SnowflakeColumn column, int partition, int row, string? handle)
    {
        // Quote the cell only when short: cells can be long or sensitive, and the position is what matters.
        var shown = reader.TokenType is JsonTokenType.String or JsonTokenType.Number && !reader.HasValueSequence && reader.ValueSpan.Length <= 40
            ? $" \"{Encoding.UTF8.GetString(reader.ValueSpan)}\""
            : reader.TokenType is JsonTokenType.String or JsonTokenType.Number ? $" ({reader.ValueSpan.Length} bytes)" : $" ({reader.TokenType})";
        return new SnowflakeDataException(
            $"Partition {partition}, row {row}, column {column.Name}: cell{shown} is not a valid {column.WireType} value.",
            partition, row, column.Name, column.Ordinal, handle);
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
