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
internal sealed class RunningJob(TransferJob job) : IProgress<TransferProgress>, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private JobProgress _progress = new("planning", 0, null, 0);
    private int _reason;

    public TransferJob Job { get; } = job;

    public Task Completion { get; set; } = Task.CompletedTask;

    public CancellationToken Token => _stop.Token;

    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    public JobProgress Progress => Volatile.Read(ref _progress);

    /// <summary>Stops the run; the first reason given is the one that counts.</summary>
    public void Stop(StopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StopReason.None) == (int)StopReason.None)
        {
            _stop.Cancel();
        }
    }

    public void Report(TransferProgress value) => Volatile.Write(
        ref _progress, new JobProgress(value.Phase.ToString().ToLowerInvariant(), value.RowsWritten, value.ExpectedRows, value.BytesWritten));

    public void Dispose() => _stop.Dispose();
}
