using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snowferry.Service.Hosting;
using Snowferry.Transfer;

namespace Snowferry.Service.Jobs;

/// <summary>
/// Runs queued jobs, oldest first, as the memory budget allows: streaming jobs (and auto ones, until their estimate
/// has decided) take one of <see cref="ServiceRuntime.StreamingSlots"/>, unloads one of their own slots, since
/// Snowflake writes their files. The queue itself is the store: this is only the order in which this process takes
/// jobs, rebuilt from it at start-up. On shutdown it drains (see <see cref="StoppingAsync"/>).
/// </summary>
internal sealed partial class JobScheduler(
    IJobStore store,
    SnowferryDataSource dataSource,
    ServiceRuntime runtime,
    TimeProvider time,
    ILogger<JobScheduler> logger) : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_purgeInterval = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly List<TransferJob> _queue = [];
    private readonly Dictionary<string, RunningJob> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _final = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private int _streaming;
    private int _unloading;
    private bool _draining;

    /// <summary>Jobs waiting here (the queue-length gauge).</summary>
    public int QueueLength
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Jobs running here (the running gauge).</summary>
    public int RunningCount
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Raised as a job reaches a final state in this process (the metrics count them).</summary>
    public event EventHandler<JobOutcome>? JobFinished;

    /// <summary>Takes a job the store has accepted.</summary>
    public void Enqueue(TransferJob job)
    {
        lock (_gate)
        {
            _queue.Add(job);
        }

        _wake.Release();
    }

    /// <summary>Drops a queued job (cancelled before it started); false when it is not waiting here.</summary>
    public bool RemoveQueued(string id)
    {
        lock (_gate)
        {
            return _queue.RemoveAll(j => j.Id == id) > 0;
        }
    }

    /// <summary>Asks a running job to stop as cancelled; false when it is not running here.</summary>
    public bool CancelRunning(string id)
    {
        RunningJob? job;
        lock (_gate)
        {
            if (!_running.TryGetValue(id, out job))
            {
                return false;
            }
        }

        job.Stop(StopReason.Cancelled);
        return true;
    }

    /// <summary>The live progress of a job running here, or null.</summary>
    public JobProgress? Live(string id)
    {
        lock (_gate)
        {
            return _running.TryGetValue(id, out var job) ? job.Progress : null;
        }
    }

    /// <summary>
    /// Completes when the job reaches a final state (signalled by this process), or after <paramref name="wait"/>.
    /// Call before reading the job's state, so that a change in between is not missed.
    /// </summary>
    public async Task WaitFinalAsync(string id, TimeSpan wait, Func<Task<bool>> isFinal, CancellationToken cancellationToken)
    {
        var signal = _final.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (await isFinal().ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await signal.Task.WaitAsync(wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Not final yet: the caller answers 202.
        }
    }

    /// <summary>Wakes whoever waits for the job (it has just reached a final state).</summary>
    public void NotifyFinal(string id)
    {
        if (_final.TryRemove(id, out var signal))
        {
            signal.TrySetResult();
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RecoverAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var purge = PurgeLoopAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(stoppingToken).ConfigureAwait(false);
                StartWhatFits();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StoppingAsync has drained what ran.
        }

        await purge.ConfigureAwait(false);
    }

    /// <summary>
    /// Graceful shutdown, before any hosted service stops (so the API still answers reads and cancels, and refuses new
    /// transfers with <c>503 shutting_down</c>): start nothing more, let running jobs finish for the drain period, then
    /// cancel the rest (their statements cancelled, their uploads aborted; they fail as <c>interrupted</c>). Queued jobs
    /// stay queued for the next start.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        Task all;
        int count;
        lock (_gate)
        {
            _draining = true;
            count = _running.Count;
            all = Task.WhenAll(_running.Values.Select(r => r.Completion));
        }

        if (count == 0)
        {
            return;
        }

        Log.Draining(logger, count, runtime.Options.DrainPeriod);
        try
        {
            await all.WaitAsync(runtime.Options.DrainPeriod, time, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            StopAll(StopReason.Shutdown);
        }

        try
        {
            await all.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout is over: the process ends; the next start marks what is left interrupted.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Stopped outside the lock: cancelling runs callbacks synchronously, and one may finish a job, which takes the lock
    // to release it. A job that finished meanwhile ignores the stop (RunningJob.Stop).
    private void StopAll(StopReason reason)
    {
        RunningJob[] running;
        lock (_gate)
        {
            running = [.. _running.Values];
        }

        foreach (var job in running)
        {
            job.Stop(reason);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private void StartWhatFits()
    {
        lock (_gate)
        {
            for (var i = 0; i < _queue.Count && !_draining;)
            {
                var job = _queue[i];
                if (job.Streaming ? _streaming >= runtime.StreamingSlots : _unloading >= runtime.Options.MaxUnloadJobs)
                {
                    i++;
                    continue;
                }

                _queue.RemoveAt(i);
                _ = job.Streaming ? _streaming++ : _unloading++;
                var run = new RunningJob(job, BecameUnload);
                _running[job.Id] = run;
                run.Completion = Task.Run(() => RunAsync(run));
            }
        }
    }

    // An auto job whose estimate chose the unload moves no rows through this process from now on: its memory slot goes
    // to the next streaming job.
    private void BecameUnload(RunningJob run)
    {
        lock (_gate)
        {
            if (!run.CountsAsStreaming || !_running.ContainsKey(run.Job.Id))
            {
                return;
            }

            run.CountsAsStreaming = false;
            _streaming--;
            _unloading++;
        }

        _wake.Release();
    }

    private void Release(RunningJob run)
    {
        lock (_gate)
        {
            _running.Remove(run.Job.Id);
            _ = run.CountsAsStreaming ? _streaming-- : _unloading--;
        }

        _wake.Release();
        NotifyFinal(run.Job.Id);
        run.Dispose();
    }
}
