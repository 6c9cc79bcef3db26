using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snowferry.Destinations;
using Snowferry.Service.Api;
using Snowferry.Service.Hosting;
using Snowferry.Transfer;
using Snowferry.Unload;

namespace Snowferry.Service.Jobs;

/// <summary>
/// What the endpoints do with jobs: admit a request (allowlists, options, idempotency, the client's active jobs), show
/// a job to its own client only, cancel it. Refusals come back as problems, never as exceptions.
/// </summary>
internal sealed class TransferJobs(
    IJobStore store,
    JobScheduler scheduler,
    SnowferryDataSource dataSource,
    ServiceRuntime runtime,
    ServiceClients clients,
    ServiceMetrics metrics,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<TransferJobs> logger)
{
    /// <summary>How long an idempotency key holds (the 24 hours, as Stripe's).</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    private static readonly TimeSpan s_retryAfterQueueFull = TimeSpan.FromSeconds(30);

    /// <summary>The outcome of a submission: the job (new or replayed), or why not.</summary>
    public sealed record Submission(TransferJob? Job, bool Replayed, ServiceProblem? Problem);

    public async Task<Submission> SubmitAsync(string clientName, TransferRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return new Submission(null, false, ServiceProblems.ShuttingDown());
        }

        var client = clients.Get(clientName);
        var (job, problem) = Admit(client, request);
        if (problem is not null)
        {
            return new Submission(null, false, problem);
        }

        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > 255)
            {
                return new Submission(null, false, ServiceProblems.BadRequest("The Idempotency-Key header must be 1 to 255 characters."));
            }

            var claim = await store.ClaimIdempotencyKeyAsync(
                clientName, idempotencyKey, BodyHash(request), time.GetUtcNow(), IdempotencyWindow, cancellationToken).ConfigureAwait(false);
            switch (claim.Outcome)
            {
                case IdempotencyOutcome.Replay:
                    var earlier = await store.GetAsync(claim.JobId!, cancellationToken).ConfigureAwait(false);
                    return earlier is null
                        ? new Submission(null, false, ServiceProblems.Conflict("The job this Idempotency-Key created is gone (purged): send a new key."))
                        : new Submission(earlier, true, null);
                case IdempotencyOutcome.InProgress:
                    return new Submission(null, false, ServiceProblems.Conflict(
                        "A request with this Idempotency-Key is still being accepted: retry in a moment to get its job."));
                case IdempotencyOutcome.Mismatch:
                    return new Submission(null, false, ServiceProblems.IdempotencyMismatch(
                        "This Idempotency-Key was used in the last 24 hours with another body: use a new key for a new transfer."));
            }
        }

        var inserted = false;
        try
        {
            inserted = await store.InsertAsync(job!, client.MaxActiveJobs, idempotencyKey, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!inserted && idempotencyKey is not null)
            {
                await store.ReleaseIdempotencyKeyAsync(clientName, idempotencyKey, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (!inserted)
        {
            return new Submission(null, false, ServiceProblems.QueueFull(client.MaxActiveJobs, s_retryAfterQueueFull));
        }

        Log.JobAccepted(logger, job!.Id, clientName, job.SourceTable);
        scheduler.Enqueue(job);
        metrics.Submitted();
        return new Submission(job, false, null);
    }

    /// <summary>Checks a request against the client's allowlists and the library's rules, offline.</summary>
    public (TransferJob? Job, ServiceProblem? Problem) Admit(ServiceClient client, TransferRequest request)
    {
        var (target, problem) = Resolve(client, request);
        if (problem is not null)
        {
            return (null, problem);
        }

        var job = new TransferJob
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N"),
            Client = client.Name,
            SourceTable = target!.Table,
            Destination = target.Destination,
            Options = request.Options ?? new TransferRequestOptions(),
            Streaming = target.Options.Mode != TransferMode.Unload,
            SubmittedAt = time.GetUtcNow(),
        };
        return (job, null);
    }

    /// <summary>A request resolved: the table as the planner gets it, the destination, the library's options.</summary>
    public sealed record Target(string Table, string Destination, TransferOptions Options);

    public (Target? Target, ServiceProblem? Problem) Resolve(ServiceClient client, TransferRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.SourceTable))
        {
            return (null, ServiceProblems.BadRequest("source_table is missing: name the table as TABLE, SCHEMA.TABLE or DATABASE.SCHEMA.TABLE."));
        }

        if (string.IsNullOrWhiteSpace(request.DestinationS3Bucket))
        {
            return (null, ServiceProblems.BadRequest("destination_s3_bucket is missing: give s3://bucket/prefix/ inside one of this client's allowed destinations."));
        }

        TransferOptions options;
        try
        {
            options = RequestOptions.ToTransferOptions(request.Options, runtime.Options);
        }
        catch (RequestException e)
        {
            return (null, ServiceProblems.BadRequest(e.Message));
        }

        if (options.Overwrite && !client.AllowOverwrite)
        {
            return (null, ServiceProblems.Forbidden("This client may not replace existing objects (options.overwrite): leave it out, or ask the operator for AllowOverwrite."));
        }

        var (table, tableProblem) = client.ResolveTable(request.SourceTable);
        if (tableProblem is not null)
        {
            return (null, tableProblem);
        }

        try
        {
            if (TransferDestinations.Parse(request.DestinationS3Bucket).Kind != DestinationKind.S3)
            {
                return (null, ServiceProblems.BadRequest(
                    $"destination_s3_bucket '{request.DestinationS3Bucket}' is not an S3 address: the service writes only to s3://bucket/prefix/."));
            }
        }
        catch (DestinationException e)
        {
            return (null, ServiceProblems.BadRequest("destination_s3_bucket: " + e.Message));
        }

        var destinationProblem = client.CheckDestination(request.DestinationS3Bucket, options, table!);
        if (destinationProblem is not null)
        {
            return (null, destinationProblem);
        }

        try
        {
            dataSource.Validate(table!.ToSql(), request.DestinationS3Bucket, options);
        }
        catch (Exception e) when (e is ArgumentException or DestinationException or UnloadException)
        {
            return (null, ServiceProblems.BadRequest(RequestFields.InFields(e)));
        }

        return (new Target(table!.ToSql(), request.DestinationS3Bucket.Trim(), options), null);
    }

    /// <summary>The job if it is this client's; another client's job is exactly as absent as one that never was.</summary>
    public async Task<TransferJob?> GetAsync(string clientName, string id, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return job is not null && string.Equals(job.Client, clientName, StringComparison.Ordinal) ? job : null;
    }

    public JobView View(TransferJob job) => JobView.Of(job, scheduler.Live(job.Id));

    /// <summary>Waits up to <paramref name="wait"/> for the job to be final, then returns it as it is.</summary>
    public async Task<TransferJob> WaitAsync(TransferJob job, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (IsFinal(job.State) || wait <= TimeSpan.Zero)
        {
            return job;
        }

        var current = job;
        await scheduler.WaitFinalAsync(
            job.Id,
            wait,
            async () =>
            {
                current = await store.GetAsync(job.Id, cancellationToken).ConfigureAwait(false) ?? current;
                return IsFinal(current.State);
            },
            cancellationToken).ConfigureAwait(false);
        return await store.GetAsync(job.Id, cancellationToken).ConfigureAwait(false) ?? current;
    }

    /// <summary>The outcome of a cancel: the job now, and whether it is already cancelled (200) or cancelling (202).</summary>
    public sealed record Cancellation(TransferJob Job, bool Done, ServiceProblem? Problem);

    public async Task<Cancellation> CancelAsync(TransferJob job, CancellationToken cancellationToken)
    {
        if (IsFinal(job.State))
        {
            return new Cancellation(job, false, ServiceProblems.Conflict($"The transfer is already {job.State.ToString().ToLowerInvariant()}: there is nothing to cancel.", job.Id));
        }

        // A job read as queued may have started since: only a compare-and-set on "queued" may cancel it without running it;
        // otherwise it is cancelled as a running job (its statement and upload stopped, unless it has already committed).
        scheduler.RemoveQueued(job.Id);
        if (job.State == JobState.Queued
            && await store.TryCancelQueuedAsync(job.Id, time.GetUtcNow(), JobFailures.Cancelled(job.Id).ToJson(), cancellationToken).ConfigureAwait(false))
        {
            scheduler.NotifyFinal(job.Id);
        }
        else
        {
            scheduler.CancelRunning(job.Id);
        }

        var now = await store.GetAsync(job.Id, cancellationToken).ConfigureAwait(false) ?? job;
        return now.State switch
        {
            JobState.Cancelled => new Cancellation(now, true, null),
            JobState.Succeeded or JobState.Failed => new Cancellation(now, false, ServiceProblems.Conflict(
                $"The transfer {now.State.ToString().ToLowerInvariant()} before the cancel took effect.", now.Id)),
            _ => new Cancellation(now, false, null),
        };
    }

    public static bool IsFinal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    // "The same body" means the same request once parsed: key order and spacing do not matter.
    private static string BodyHash(TransferRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, ServiceJson.Options)));
}
