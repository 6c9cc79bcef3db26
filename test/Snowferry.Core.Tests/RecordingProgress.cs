using Snowferry.Transfer;

namespace Snowferry.Tests;

/// <summary>
/// Records every progress value a transfer reports, synchronously as it reports it (a <see cref="Progress{T}"/> posts
/// to the thread pool, so it would see values late and out of order), and completes a task as each crash-recovery
/// field is first reported.
/// </summary>
internal sealed class RecordingProgress : IProgress<TransferProgress>
{
    private readonly Lock _lock = new();
    private readonly List<TransferProgress> _values = [];
    private readonly TaskCompletionSource<TransferProgress> _queryId = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TransferProgress> _unloadFolder = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every value so far, in order.</summary>
    public List<TransferProgress> Values
    {
        get
        {
            lock (_lock)
            {
                return [.. _values];
            }
        }
    }

    /// <summary>The last value reported; null before the first.</summary>
    public TransferProgress? Latest
    {
        get
        {
            lock (_lock)
            {
                return _values.Count == 0 ? null : _values[^1];
            }
        }
    }

    /// <summary>The first value with a <see cref="TransferProgress.QueryId"/>.</summary>
    public Task<TransferProgress> QueryIdReported => _queryId.Task;

    /// <summary>The first value with an <see cref="TransferProgress.UnloadFolder"/>.</summary>
    public Task<TransferProgress> UnloadFolderReported => _unloadFolder.Task;

    public void Report(TransferProgress value)
    {
        lock (_lock)
        {
            _values.Add(value);
        }

        if (value.QueryId is not null)
        {
            _queryId.TrySetResult(value);
        }

        if (value.UnloadFolder is not null)
        {
            _unloadFolder.TrySetResult(value);
        }
    }
}
