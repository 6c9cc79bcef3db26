using System.Runtime.CompilerServices;
using Snowferry.Snowflake.Values;

namespace Snowferry.Snowflake.Client;

/// <summary>
/// A finished statement: its metadata and partition 0's rows; <see cref="ReadBatchesAsync"/> streams every partition.
/// </summary>
public sealed class SnowflakeResult
{
    private readonly SnowflakeClient _client;
    private SnowflakeRowBatch? _firstBatch;

    /// <summary>Snowflake's code for "the response does not hold the whole result set" (SQL API reference).</summary>
    internal const string IncompleteResultCode = "391908";

    /// <exception cref="SnowflakeException">The answer says it does not hold the whole result set (code 391908).</exception>
    internal SnowflakeResult(SnowflakeClient client, ResponsePayload payload, DateTimeOffset receivedAt)
    {
        if (payload.Code == IncompleteResultCode)
        {
            // Reading on would silently lose rows: numRows and partitionInfo describe only what was returned.
            throw new SnowflakeException(
                $"Snowflake answered statement {payload.StatementHandle} with code {IncompleteResultCode} ({payload.Message ?? "no message"}): "
                + "the response does not hold the whole result set, so snowferry does not read it as complete. "
                + "Run the statement again; if Snowflake answers the same, make the result smaller (fewer rows or columns per statement).",
                200,
                payload.Code,
                payload.SqlState,
                payload.StatementHandle);
        }

        _client = client;
        StatementHandle = payload.StatementHandle ?? "";
        Columns = payload.Columns ?? [];
        Partitions = payload.Partitions ?? [];
        RowCount = payload.NumRows ?? payload.FirstBatch?.RowCount ?? 0;
        CreatedOn = payload.CreatedOnMilliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : receivedAt;
        Stats = payload.Stats;
        StatementHandles = payload.StatementHandles;
        Code = payload.Code;
        Message = payload.Message;
        _firstBatch = payload.FirstBatch;
    }

    /// <summary>Snowflake's query id for the statement.</summary>
    public string StatementHandle { get; }

    /// <summary>The result's columns.</summary>
    public IReadOnlyList<SnowflakeColumn> Columns { get; }

    /// <summary>Total rows over all partitions (<c>numRows</c>).</summary>
    public long RowCount { get; }

    /// <summary>The partitions, partition 0 first.</summary>
    public IReadOnlyList<SnowflakePartitionInfo> Partitions { get; }

    /// <summary>When Snowflake created the statement (<c>createdOn</c>).</summary>
    public DateTimeOffset CreatedOn { get; }

    /// <summary>Rows inserted, updated, deleted by a DML statement; null otherwise.</summary>
    public SnowflakeStatementStats? Stats { get; }

    /// <summary>
    /// Handles of the individual statements of a multi-statement request, in order; null otherwise. The request's own
    /// rows are only Snowflake's summary line; read each statement's rows with <see cref="SnowflakeClient.GetResultAsync"/>.
    /// </summary>
    public IReadOnlyList<string>? StatementHandles { get; }

    /// <summary>Snowflake's status code (<c>090001</c> on success).</summary>
    public string? Code { get; }

    /// <summary>Snowflake's status message.</summary>
    public string? Message { get; }

    /// <summary>
    /// Every partition's rows as one batch per partition, strictly in order. Partitions after the first are downloaded
    /// ahead and decoded in parallel (in the client's shared decode slots, one per processor for all its results): at most
    /// <see cref="SnowflakeClientOptions.PartitionPrefetch"/> of them, holding at most
    /// <see cref="SnowflakeClientOptions.PartitionPrefetchBytes"/> beyond the first (bodies by their <c>uncompressedSize</c>,
    /// decoded batches by what they hold), so memory depends on partition size, not result size. Partition 0 is served
    /// from the statement's response on the first enumeration and downloaded again on later ones.
    /// </summary>
    /// <exception cref="SnowflakeDataException">A partition does not decode or its row count is wrong.</exception>
    /// <exception cref="SnowflakeException">A download failed for good.</exception>
    public IAsyncEnumerable<SnowflakeRowBatch> ReadBatchesAsync(CancellationToken cancellationToken = default) =>
        ReadBatchesCoreAsync(cancellationToken);

    private async IAsyncEnumerable<SnowflakeRowBatch> ReadBatchesCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitionCount = Partitions.Count;
        var first = Interlocked.Exchange(ref _firstBatch, null);
        if (partitionCount == 0)
        {
            if (first is not null)
            {
                yield return first;
            }

            yield break;
        }

        var firstRows = new long[partitionCount];
        for (var i = 1; i < partitionCount; i++)
        {
            firstRows[i] = firstRows[i - 1] + Partitions[i - 1].RowCount;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budget = new PrefetchBudget(_client.Options.PartitionPrefetchBytes);
        var pending = new Queue<Task<SnowflakeRowBatch>>();
        var next = 1;
        try
        {
            StartDownloads(pending, budget, ref next, firstRows, stop.Token);
            first ??= await _client.FetchPartitionAsync(StatementHandle, Columns, 0, 0, Partitions[0], cancellationToken).ConfigureAwait(false);
            yield return first;
            first = null;

            while (pending.TryDequeue(out var download))
            {
                var batch = await download.ConfigureAwait(false);
                // The batch is the reader's from here: the budget holds what is still ahead of it.
                budget.Release(batch.PartitionIndex);
                StartDownloads(pending, budget, ref next, firstRows, stop.Token);
                yield return batch;
            }
        }
        finally
        {
            // The reader stopped early or failed: abandon the downloads in flight and let them finish quietly.
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var download in pending)
            {
                try
                {
                    (await download.ConfigureAwait(false)).Release();
                }
                catch (Exception ex) when (ex is OperationCanceledException or SnowferryException or HttpRequestException or IOException)
                {
                    // Abandoned on purpose; the failure that matters (if any) is already propagating.
                }
            }
        }
    }

    private void StartDownloads(
        Queue<Task<SnowflakeRowBatch>> pending, PrefetchBudget budget, ref int next, long[] firstRows, CancellationToken cancellationToken)
    {
        while (pending.Count < _client.Options.PartitionPrefetch && next < Partitions.Count)
        {
            // A body takes its uncompressedSize once inflated: that much is held from the download on, until it decodes.
            var bytes = Math.Max(0, Partitions[next].UncompressedSize);
            if (pending.Count > 0 && !budget.Fits(bytes))
            {
                return;
            }

            var index = next++;
            budget.Hold(index, bytes);
            pending.Enqueue(FetchAsync(index, firstRows[index], budget, cancellationToken));
        }
    }

    private async Task<SnowflakeRowBatch> FetchAsync(int index, long firstRow, PrefetchBudget budget, CancellationToken cancellationToken)
    {
        var batch = await _client.FetchPartitionAsync(StatementHandle, Columns, index, firstRow, Partitions[index], cancellationToken).ConfigureAwait(false);
        // Decoded: the body is gone, and the batch waits for the reader at what it really holds.
        budget.Replace(index, batch.AllocatedBytes);
        return batch;
    }
}
