using Snowferry.Service.Api;

namespace Snowferry.Service.Jobs;

internal sealed partial class JobScheduler
{
    private async Task RunAsync(RunningJob run)
    {
        var job = run.Job;
        try
        {
            if (!await store.TryStartAsync(job.Id, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
            {
                return; // cancelled while it waited
            }

            Log.JobStarted(logger, job.Id, job.Client, job.SourceTable);
            using var timeout = new CancellationTokenSource(runtime.Options.MaxJobDuration, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Token, timeout.Token);
            using var saving = new CancellationTokenSource();
            var saver = SaveProgressAsync(run, saving.Token);
            try
            {
                await RunTransferAsync(run, timeout, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                await saving.CancelAsync().ConfigureAwait(false);
                await saver.ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // The store failed under a running job: nothing can record its end; a restart marks it interrupted.
            Log.JobStoreFailed(logger, job.Id, e);
        }
        finally
        {
            Release(run);
        }
    }

    private async Task RunTransferAsync(RunningJob run, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        var job = run.Job;
        var started = time.GetTimestamp();
        JobState state;
        string? result = null, report = null;
        ServiceProblem? problem = null;
        try
        {
            var options = RequestOptions.ToTransferOptions(job.Options, runtime.Options) with { Progress = run };
            var done = await dataSource.TransferAsync(job.SourceTable, job.Destination, options, cancellationToken).ConfigureAwait(false);
            (state, result, report) = (JobState.Succeeded, done.ToResult().ToJson(), done.ToJson(indented: false));
            Log.JobSucceeded(logger, job.Id, job.Client, job.SourceTable, done.OutputRows, done.Bytes, time.GetElapsedTime(started).TotalSeconds);
        }
        catch (OperationCanceledException) when (run.Reason != StopReason.None || timeout.IsCancellationRequested)
        {
            (state, problem) = run.Reason switch
            {
                StopReason.Cancelled => (JobState.Cancelled, JobFailures.Cancelled(job.Id)),
                StopReason.Shutdown => (JobState.Failed, JobFailures.Interrupted(
                    job.Id, "The service shut down while this transfer ran and its drain period ended: the statement was cancelled and nothing was left at the key.")),
                _ => (JobState.Failed, JobFailures.Timeout(job.Id, runtime.Options.MaxJobDuration)),
            };
            Log.JobStopped(logger, job.Id, job.Client, job.SourceTable, problem.Code, time.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e) when (JobFailures.Of(e, job.Id) is { } failure)
        {
            (state, problem) = (JobState.Failed, failure);
            Log.JobFailed(logger, job.Id, job.Client, job.SourceTable, failure.Code, time.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e)
        {
            (state, problem) = (JobState.Failed, JobFailures.Internal(job.Id));
            Log.JobCrashed(logger, job.Id, job.Client, e);
        }

        var progress = state == JobState.Succeeded ? run.Progress with { Phase = "done" } : run.Progress;
        await store.SaveProgressAsync(job.Id, progress, job.Streaming, CancellationToken.None).ConfigureAwait(false);
        await store.TryFinishAsync(job.Id, state, time.GetUtcNow(), result, report, problem?.ToJson(), CancellationToken.None).ConfigureAwait(false);
        JobFinished?.Invoke(this, new JobOutcome(state, problem?.Code, progress.Rows, progress.Bytes, time.GetElapsedTime(started)));
    }

    // Progress is kept live in memory and written to the store once a second, so a restart or another reader sees
    // roughly where a job was without a write per batch; what the run has started outside the process is written as soon
    // as the library reports it, so that a restart after a crash can undo it.
    private async Task SaveProgressAsync(RunningJob run, CancellationToken cancellationToken)
    {
        JobProgress? savedProgress = null;
        var savedResources = JobResources.None;
        try
        {
            while (true)
            {
                await run.WaitForResourcesAsync(s_progressInterval, cancellationToken).ConfigureAwait(false);
                if (run.Resources is var resources && resources != savedResources)
                {
                    await store.SaveResourcesAsync(run.Job.Id, resources, cancellationToken).ConfigureAwait(false);
                    savedResources = resources;
                }

                if (run.Progress is var progress && progress != savedProgress)
                {
                    await store.SaveProgressAsync(run.Job.Id, progress, run.Job.Streaming, cancellationToken).ConfigureAwait(false);
                    savedProgress = progress;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// At start-up: a job recorded as running was cut off by a crash or kill, so it failed as <c>interrupted</c>; queued
    /// jobs are taken up again in the order they came.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var job in await store.ListByStateAsync(JobState.Running, cancellationToken).ConfigureAwait(false))
        {
            await new JobRecovery(dataSource, store, time, logger).RecoverAsync(job, cancellationToken).ConfigureAwait(false);
        }

        foreach (var job in await store.ListByStateAsync(JobState.Queued, cancellationToken).ConfigureAwait(false))
        {
            Enqueue(job);
        }
    }

    private async Task PurgeLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            do
            {
                var purged = await store.PurgeAsync(time.GetUtcNow() - runtime.Options.Retention, cancellationToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    Log.Purged(logger, purged, runtime.Options.Retention);
                }

                await Task.Delay(s_purgeInterval, time, cancellationToken).ConfigureAwait(false);
            }
            while (!cancellationToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
