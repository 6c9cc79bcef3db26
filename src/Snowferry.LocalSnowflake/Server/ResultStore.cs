using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// Keeps statement results on disk, as Snowflake keeps them server-side: the engine's rows are streamed into partitions of
/// <see cref="LocalSnowflakeServerOptions.PartitionRowCount"/> rows, partition 0 in memory (it goes inline into the
/// statement's response), every later one as a gzip file holding exactly the body a partition GET serves. So the
/// server's memory is bounded by one partition whatever the result size.
/// </summary>
internal sealed class ResultStore : IDisposable
{
    // Flush to the file once this much JSON is pending, so a wide partition never piles up in the writer's buffer.
    private const int FlushThreshold = 64 * 1024;

    private readonly int _rowsPerPartition;

    public ResultStore(string? parentDirectory, int rowsPerPartition)
    {
        _rowsPerPartition = rowsPerPartition;
        // A folder of our own, even inside a caller's directory, so dispose can delete it whole without touching theirs.
        Directory = parentDirectory is null
            ? System.IO.Directory.CreateTempSubdirectory("snowferry-results-").FullName
            : System.IO.Directory.CreateDirectory(Path.Combine(parentDirectory, "snowferry-results-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    public string Directory { get; }

    /// <summary>
    /// Reads <paramref name="result"/>'s rows once, writing them into partitions; deletes its files if it fails. With
    /// <paramref name="nullsAsText"/> (the POST's <c>nullable=false</c>) SQL NULL is written as the string <c>"null"</c>.
    /// </summary>
    public StoredResult Store(string handle, EngineResult result, bool nullsAsText, CancellationToken cancellationToken)
    {
        var columns = result.Columns;
        var partitions = new List<StoredPartition>();
        var first = new ArrayBufferWriter<byte>();
        long total = 0;
        try
        {
            using var rows = result.Rows.GetEnumerator();
            var hasRow = rows.MoveNext();
            using (var json = new Utf8JsonWriter(first, JsonBody.WriterOptions))
            {
                json.WriteStartArray();
                var count = WriteRows(json, rows, ref hasRow, columns.Count, nullsAsText, flushAsItFills: false, cancellationToken);
                json.WriteEndArray();
                json.Flush();
                partitions.Add(new StoredPartition(count, json.BytesCommitted, null, null));
                total += count;
            }

            while (hasRow)
            {
                var path = Path.Combine(Directory, $"{handle}.{partitions.Count}.json.gz");
                int count;
                long uncompressed;
                using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
                {
                    using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
                    using (var json = new Utf8JsonWriter(gzip, JsonBody.WriterOptions))
                    {
                        partitions.Add(new StoredPartition(0, 0, null, path));
                        json.WriteStartObject();
                        json.WritePropertyName("data"u8);
                        json.WriteStartArray();
                        count = WriteRows(json, rows, ref hasRow, columns.Count, nullsAsText, flushAsItFills: true, cancellationToken);
                        json.WriteEndArray();
                        json.WriteEndObject();
                        json.Flush();
                        uncompressed = json.BytesCommitted;
                    }

                    partitions[^1] = new StoredPartition(count, uncompressed, file.Length, path);
                }

                total += count;
            }
        }
        catch
        {
            foreach (var partition in partitions)
            {
                DeleteQuietly(partition.File);
            }

            throw;
        }

        return new StoredResult(columns, total, partitions, first.WrittenMemory.ToArray(), result.RowsInserted, result.RowsUpdated, result.RowsDeleted)
        {
            Files = new ResultFiles([.. partitions.Select(p => p.File).OfType<string>()]),
        };
    }

    /// <summary>Writes up to one partition of rows; a file-backed writer is flushed as it fills.</summary>
    private int WriteRows(
        Utf8JsonWriter json, IEnumerator<string?[]> rows, ref bool hasRow, int columnCount, bool nullsAsText, bool flushAsItFills, CancellationToken cancellationToken)
    {
        var count = 0;
        while (hasRow && count < _rowsPerPartition)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = rows.Current;
            if (row.Length != columnCount)
            {
                throw new InvalidOperationException($"The engine returned a row of {row.Length} cells for {columnCount} columns.");
            }

            json.WriteStartArray();
            foreach (var cell in row)
            {
                if (cell is not null)
                {
                    json.WriteStringValue(cell);
                }
                else if (nullsAsText)
                {
                    json.WriteStringValue("null"u8);
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
            if (flushAsItFills && json.BytesPending > FlushThreshold)
            {
                json.Flush();
            }

            count++;
            hasRow = rows.MoveNext();
        }

        return count;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a download being torn down; the OS temp cleaner gets the rest.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static void DeleteQuietly(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>One stored partition: its <c>partitionInfo</c> entry and, for n ≥ 1, its gzip file.</summary>
internal readonly record struct StoredPartition(int RowCount, long UncompressedSize, long? CompressedSize, string? File);

/// <summary>A finished statement's result: metadata, partition 0's <c>data</c> array as JSON, the files of the rest.</summary>
internal sealed record StoredResult(
    IReadOnlyList<EngineColumn> Columns,
    long NumRows,
    IReadOnlyList<StoredPartition> Partitions,
    ReadOnlyMemory<byte> FirstPartitionData,
    long? RowsInserted,
    long? RowsUpdated,
    long? RowsDeleted)
{
    /// <summary>Answered with code 391908, "the response does not hold the whole result set" (a test switch).</summary>
    public bool Incomplete { get; init; }

    /// <summary>
    /// The partition files and who holds them: every statement answered with this result holds a lease, released on
    /// expiry or when a cancel wins the race with the end (copies made with <c>with</c> share it).
    /// </summary>
    public required ResultFiles Files { get; init; }

    /// <summary>What this result occupies: partition 0 in memory plus the gzip files on disk.</summary>
    public long StoredBytes => FirstPartitionData.Length + Partitions.Sum(p => p.CompressedSize ?? 0);
}
