using Snowferry.Transfer;

namespace Snowferry.Service.Jobs;

/// <summary>Why a running job is being stopped before it finished on its own.</summary>
internal enum StopReason
{
    None,
    Cancelled,
    Shutdown,
}

/// <summary>
/// A job this process is running: its token, why it is being stopped, and its live progress (the library reports it
/// synchronously from the transfer's own thread; the latest value wins).
/// </summary>
internal sealed class RunningJob(TransferJob job, Action<RunningJob>? becameUnload = null) : IProgress<TransferProgress>, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _resourcesChanged = new(0);
    private JobProgress _progress = new("planning", 0, null, 0);
    private JobResources _resources = JobResources.None;
    private int _reason;

    public TransferJob Job { get; } = job;

    /// <summary>Whether it holds a streaming slot (changed by the scheduler, under its lock, when auto chooses the unload).</summary>
    public bool CountsAsStreaming { get; set; } = job.Streaming;

    public Task Completion { get; set; } = Task.CompletedTask;

    public CancellationToken Token => _stop.Token;

    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    public JobProgress Progress => Volatile.Read(ref _progress);

    /// <summary>What the run has started outside the process, as the library last reported it.</summary>
    public JobResources Resources => Volatile.Read(ref _resources);

    /// <summary>Completes when <see cref="Resources"/> changes, or after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForResourcesAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _resourcesChanged.WaitAsync(timeout, cancellationToken);

    /// <summary>Stops the run; the first reason given is the one that counts. A run that has already ended ignores it.</summary>
    public void Stop(StopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StopReason.None) == (int)StopReason.None)
        {
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It finished (and was released) between being looked up and being stopped.
            }
        }
    }

    public void Report(TransferProgress value)
    {
        Volatile.Write(ref _progress, new JobProgress(value.Phase.ToString().ToLowerInvariant(), value.RowsWritten, value.ExpectedRows, value.BytesWritten));
        var resources = JobResourcesOf(value);
        if (resources != Resources)
        {
            // Written to the store at once (not at the next progress tick): a crash right after must find them.
            Volatile.Write(ref _resources, resources);
            _resourcesChanged.Release();
        }

        if (value.UnloadFolder is not null && CountsAsStreaming)
        {
            becameUnload?.Invoke(this);
        }
    }

    private static JobResources JobResourcesOf(TransferProgress value)
    {
        string? bucket = null, key = value.Location;
        if (value.Location is { } location && location.StartsWith("s3://", StringComparison.Ordinal))
        {
            var slash = location.IndexOf('/', "s3://".Length);
            (bucket, key) = slash < 0 ? (location["s3://".Length..], null) : (location["s3://".Length..slash], location[(slash + 1)..]);
        }

        return new JobResources(value.QueryId, bucket, key, null, value.UnloadFolder);
    }

    public void Dispose()
    {
        _stop.Dispose();
        _resourcesChanged.Dispose();
    }
}
