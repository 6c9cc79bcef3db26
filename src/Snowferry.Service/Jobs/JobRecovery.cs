using Microsoft.Extensions.Logging;
using Snowferry.Destinations;
using Snowferry.Manifest;
using Snowferry.Transfer;

namespace Snowferry.Service.Jobs;

/// <summary>
/// A job found running at start-up was cut off by a crash or a kill. What it had recorded of what it started is undone:
/// its statement cancelled in Snowflake, every open multipart upload at its key aborted, an unload folder without a
/// manifest removed. If it had already committed (its manifest is at the destination), it succeeded, since the commit
/// is the point of no return; otherwise it failed as <c>interrupted</c>.
/// </summary>
internal sealed class JobRecovery(SnowferryDataSource dataSource, IJobStore store, TimeProvider time, ILogger logger)
{
    public async Task RecoverAsync(TransferJob job, CancellationToken cancellationToken)
    {
        var resources = job.Resources;
        if (resources.StatementHandle is { } handle)
        {
            await TryAsync(job, "cancel its statement", () => dataSource.Snowflake.Client.CancelAsync(handle, cancellationToken)).ConfigureAwait(false);
        }

        if (resources.UploadLocation is { } location)
        {
            await TryAsync(job, "abort its upload", () => dataSource.AbortUploadsAsync(location, cancellationToken)).ConfigureAwait(false);
            if (await CommittedResultAsync(location, resources.StatementHandle, cancellationToken).ConfigureAwait(false) is { } result)
            {
                await store.TryFinishAsync(job.Id, JobState.Succeeded, time.GetUtcNow(), result, null, null, cancellationToken).ConfigureAwait(false);
                Log.JobRecoveredCommitted(logger, job.Id, job.Client);
                return;
            }
        }

        if (resources.UnloadFolder is { } folder)
        {
            await TryAsync(job, "remove its unfinished unload folder", () => dataSource.RemoveIncompleteUnloadAsync(folder, cancellationToken)).ConfigureAwait(false);
        }

        var problem = JobFailures.Interrupted(
            job.Id, "The service stopped while this transfer ran (it was not shut down cleanly): its statement was cancelled and its upload aborted; nothing was committed.");
        await store.TryFinishAsync(job.Id, JobState.Failed, time.GetUtcNow(), null, null, problem.ToJson(), cancellationToken).ConfigureAwait(false);
        Log.JobInterrupted(logger, job.Id, job.Client);
    }

    // A streamed file's manifest is written after its commit: present, and naming this job's statement (not an earlier
    // run's at the same key), the job delivered its file before the crash.
    private async Task<string?> CommittedResultAsync(string location, string? statementHandle, CancellationToken cancellationToken)
    {
        if (statementHandle is null)
        {
            return null;
        }

        try
        {
            var stream = await dataSource.OpenReadAsync(location + TransferManifest.KeySuffix, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream);
                var manifest = TransferManifest.Parse(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
                return manifest.QueryId == statementHandle
                    ? new TransferResult(manifest.Files[0].Key, manifest.OutputRows, manifest.CommittedAt).ToJson()
                    : null;
            }
        }
        catch (DestinationException e) when (e.Kind == DestinationErrorKind.NotFound)
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unreadable (a 403 where a missing key needs s3:ListBucket, S3 down): treated as not committed, never as fatal.
            Log.RecoveryStepFailed(logger, "read its manifest", e);
            return null;
        }
    }

    private async Task TryAsync(TransferJob job, string what, Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Best effort: the statement's own timeout ends it and a bucket lifecycle rule ends the upload (docs/SERVICE.md).
            Log.RecoveryStepFailed(logger, $"job {job.Id}: {what}", e);
        }
    }
}
