using System.Text;
using System.Text.Json;
using Snowferry.Snowflake.Values;

namespace Snowferry.Snowflake.Client;

/// <summary>The <c>data</c> array of a partition: the fast path first, the general reader when it gives up.</summary>
internal static partial class ResultParser
{
    /// <summary>Parses a partition body <c>{"data":[...]}</c> (or a full response) given the result's columns.</summary>
    public static SnowflakeRowBatch ParsePartition(
        ReadOnlySpan<byte> json, IReadOnlyList<SnowflakeColumn> columns, int partitionIndex, long firstRowIndex, int? expectedRows, string? handle)
    {
        var fast = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        Expect(ref fast, JsonTokenType.StartObject);
        while (Read(ref fast) && fast.TokenType == JsonTokenType.PropertyName)
        {
            var isData = fast.ValueTextEquals("data"u8);
            Read(ref fast);
            if (!isData)
            {
                fast.Skip();
                continue;
            }

            // Only a body that ends with its data can skip the reader past it; otherwise the general path reads it all.
            if (fast.TokenType == JsonTokenType.StartArray
                && TryScanData(json, (int)fast.TokenStartIndex, columns, partitionIndex, firstRowIndex, expectedRows, out var end) is { } batch)
            {
                if (PartitionScanner.EndsObject(json, end))
                {
                    return batch;
                }

                batch.Release();
            }

            break;
        }

        return ReadPartition(json, columns, partitionIndex, firstRowIndex, expectedRows, handle);
    }

    /// <summary>The fast path (<see cref="PartitionScanner"/>): the batch, or null when the general reader must decode the array.</summary>
    private static SnowflakeRowBatch? TryScanData(
        ReadOnlySpan<byte> json, int start, IReadOnlyList<SnowflakeColumn> columns, int partitionIndex, long firstRowIndex, int? expectedRows, out int end)
    {
        var buffers = CreateBuffers(columns);
        end = PartitionScanner.TryScan(json, start, buffers, expectedRows, out var rows);
        var batch = new SnowflakeRowBatch(columns, buffers, rows, partitionIndex, firstRowIndex);
        if (end >= 0)
        {
            return batch;
        }

        batch.Release();
        return null;
    }

    private static ColumnBuffer[] CreateBuffers(IReadOnlyList<SnowflakeColumn> columns)
    {
        var buffers = new ColumnBuffer[columns.Count];
        for (var c = 0; c < buffers.Length; c++)
        {
            buffers[c] = ColumnBuffer.Create(columns[c]);
        }

        return buffers;
    }

    private static SnowflakeRowBatch ReadPartition(
        ReadOnlySpan<byte> json, IReadOnlyList<SnowflakeColumn> columns, int partitionIndex, long firstRowIndex, int? expectedRows, string? handle)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        Expect(ref reader, JsonTokenType.StartObject);
        SnowflakeRowBatch? batch = null;
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

    private static SnowflakeRowBatch ReadData(
        ref Utf8JsonReader reader, IReadOnlyList<SnowflakeColumn> columns, int partitionIndex, long firstRowIndex, int? expectedRows, string? handle)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SnowflakeDataException($"Partition {partitionIndex}: \"data\" is not an array.", partitionIndex, statementHandle: handle);
        }

        var buffers = CreateBuffers(columns);
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

        return new SnowflakeRowBatch(columns, buffers, row, partitionIndex, firstRowIndex);
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
}
