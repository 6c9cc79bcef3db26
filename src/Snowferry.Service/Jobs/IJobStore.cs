namespace Snowferry.Service.Jobs;

/// <summary>
/// Where jobs live between requests and across restarts. SQLite (<c>SqliteJobStore</c>) on one machine; several
/// instances would share a Postgres table claimed with <c>FOR UPDATE SKIP LOCKED</c>, as one more implementation of
/// this interface (docs/SCALING.md). Every method is atomic on its own.
/// </summary>
public interface IJobStore : IAsyncDisposable
{
    /// <summary>Opens the store, creating its schema; fails when it cannot be written.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>True when the store answers (readiness).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims an idempotency key for a client before its job is created. <see cref="IdempotencyOutcome.Claimed"/>: go on,
    /// then <see cref="InsertAsync"/> with the key, or <see cref="ReleaseIdempotencyKeyAsync"/> if the request is refused.
    /// Another outcome: a claim younger than <paramref name="window"/> exists (same body: its job, or still being
    /// created; another body: a mismatch). Older claims are replaced.
    /// </summary>
    Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(
        string client, string key, string bodyHash, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Frees a claim whose request was refused, so the client may retry with the same key.</summary>
    Task ReleaseIdempotencyKeyAsync(string client, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a queued job unless its client already has <paramref name="maxActiveJobs"/> queued or running (false then);
    /// with <paramref name="idempotencyKey"/>, binds the claimed key to it in the same transaction.
    /// </summary>
    Task<bool> InsertAsync(TransferJob job, int maxActiveJobs, string? idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The job, or null.</summary>
    Task<TransferJob?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>A client's jobs, newest first, optionally of one state, after an opaque cursor from a previous page.</summary>
    /// <exception cref="FormatException">The cursor is not one this store gave.</exception>
    Task<JobPage> ListAsync(string client, JobState? state, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Every job in <paramref name="state"/>, oldest first (start-up: queued to run, running to clean up).</summary>
    Task<IReadOnlyList<TransferJob>> ListByStateAsync(JobState state, CancellationToken cancellationToken);

    /// <summary>Queued → running, with its start time; false when it was no longer queued (e.g. cancelled).</summary>
    Task<bool> TryStartAsync(string id, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Records progress of a running job.</summary>
    Task SaveProgressAsync(string id, JobProgress progress, bool streaming, CancellationToken cancellationToken);

    /// <summary>Records what a running job has started outside the process (replacing what was recorded).</summary>
    Task SaveResourcesAsync(string id, JobResources resources, CancellationToken cancellationToken);

    /// <summary>
    /// Queued or running → a final state, with its time and result, report or problem; false when the job was already
    /// final (the first final state wins).
    /// </summary>
    Task<bool> TryFinishAsync(
        string id, JobState state, DateTimeOffset finishedAt, string? resultJson, string? reportJson, string? errorJson, CancellationToken cancellationToken);

    /// <summary>
    /// Queued → cancelled, only while it is still queued; false once it has started (then it is cancelled as a running
    /// job, which may still commit first).
    /// </summary>
    Task<bool> TryCancelQueuedAsync(string id, DateTimeOffset finishedAt, string errorJson, CancellationToken cancellationToken);

    /// <summary>Deletes final jobs (and idempotency keys) finished before <paramref name="before"/>; returns how many jobs.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>A page of jobs and the cursor of the next (null on the last).</summary>
public sealed record JobPage(IReadOnlyList<TransferJob> Items, string? NextCursor);

/// <summary>What claiming an idempotency key found.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is this request's now.</summary>
    Claimed,

    /// <summary>The same body was sent with this key before: <see cref="IdempotencyClaim.JobId"/> is its job.</summary>
    Replay,

    /// <summary>The same key with the same body, whose job is still being created.</summary>
    InProgress,

    /// <summary>The same key with another body.</summary>
    Mismatch,
}

/// <summary>The outcome of a claim, with the job it points to when it is a replay.</summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, string? JobId);
