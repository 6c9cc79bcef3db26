using Snowferry.Snowflake.Client;

namespace Snowferry.Output;

/// <summary>
/// Streams result batches into one file of a given <see cref="IOutputFormat"/>. The header (CSV header row, JSON
/// array bracket, Parquet schema) comes from the schema fixed at creation, so a writer that gets no batch still yields
/// a valid, empty file once <see cref="CompleteAsync"/> has run. Memory stays bounded by one batch (text formats) or
/// one row group (Parquet). The writer never disposes the destination stream: its caller owns it.
/// </summary>
public interface ITableWriter : IAsyncDisposable
{
    /// <summary>The columns written, in order.</summary>
    IReadOnlyList<OutputColumn> Schema { get; }

    /// <summary>Rows written so far.</summary>
    long RowsWritten { get; }

    /// <summary>Bytes handed to the destination stream so far (after compression); final once completed.</summary>
    long BytesWritten { get; }

    /// <summary>
    /// Writes the rows of <paramref name="batch"/>: its first <see cref="Schema"/>.Count columns, which must match the
    /// schema's names and types (any further columns, such as the plan's helper columns, are ignored).
    /// </summary>
    /// <exception cref="OutputDataException">The batch's columns do not match the schema, or a value cannot be written.</exception>
    /// <exception cref="InvalidOperationException">The writer is completed or disposed.</exception>
    ValueTask WriteBatchAsync(SnowflakeRowBatch batch, CancellationToken cancellationToken);

    /// <summary>Writes the footer (Parquet metadata, closing bracket, gzip trailer) and flushes the destination.</summary>
    /// <exception cref="InvalidOperationException">Already completed or disposed.</exception>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
