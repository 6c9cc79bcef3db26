using Microsoft.Data.Sqlite;

namespace Snowferry.Service.Jobs;

/// <summary>A job's life: inserted queued, started, updated while running, finished, purged.</summary>
public sealed partial class SqliteJobStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">The job is not queued.</exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="idempotencyKey"/> has no claim waiting for a job (never claimed, released, or already bound).
    /// </exception>
    public Task<bool> InsertAsync(TransferJob job, int maxActiveJobs, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxActiveJobs);
        if (job.State != JobState.Queued)
        {
            throw new ArgumentException($"A new job must be queued, not {JobRows.StateName(job.State)}.", nameof(job));
        }

        // One immediate transaction: the count and the insert hold the write lock together, so two inserts (from this
        // process or another on the same file) cannot both see room for one more job.
        return TransactAsync(
            async (writer, ct) =>
            {
                using (var count = writer.CreateCommand())
                {
                    count.CommandText = $"SELECT count(*) FROM jobs WHERE client = $client AND state IN {JobRows.ActiveStates};";
                    JobRows.Add(count, "$client", job.Client);
                    if ((long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))! >= maxActiveJobs)
                    {
                        return false;
                    }
                }

                using (var insert = writer.CreateCommand())
                {
                    insert.CommandText = $"INSERT INTO jobs ({JobRows.InsertColumns}) VALUES ({JobRows.InsertValues});";
                    JobRows.Bind(insert, job);
                    await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                if (idempotencyKey is not null)
                {
                    using var bind = writer.CreateCommand();
                    bind.CommandText = """
                        UPDATE idempotency_keys SET job_id = $job_id
                        WHERE client = $client AND key = $key AND job_id IS NULL;
                        """;
                    JobRows.Add(bind, "$job_id", job.Id);
                    JobRows.Add(bind, "$client", job.Client);
                    JobRows.Add(bind, "$key", idempotencyKey);
                    if (await bind.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                    {
                        // Rolled back with the job: a job whose key is not bound would be created again by a retry.
                        throw new InvalidOperationException(
                            "The idempotency key has no claim waiting for a job: claim it with ClaimIdempotencyKeyAsync "
                            + "before InsertAsync, and insert at most once per claim.");
                    }
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<TransferJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync(
            async (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {JobRows.Columns} FROM jobs WHERE id = $id;";
                JobRows.Add(command, "$id", id);
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? JobRows.Read(reader) : null;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TransferJob>> ListByStateAsync(JobState state, CancellationToken cancellationToken)
    {
        var name = JobRows.StateName(state);
        return ReadAsync<IReadOnlyList<TransferJob>>(
            async (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {JobRows.Columns} FROM jobs WHERE state = $state ORDER BY seq;";
                JobRows.Add(command, "$state", name);
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var jobs = new List<TransferJob>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    jobs.Add(JobRows.Read(reader));
                }

                return jobs;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryStartAsync(string id, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return UpdateAsync(
            "UPDATE jobs SET state = 'running', started_at = $started_at WHERE id = $id AND state = 'queued';",
            command =>
            {
                JobRows.Add(command, "$id", id);
                JobRows.Add(command, "$started_at", JobRows.FormatTime(startedAt));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Ignored once the job is final: a late update must not change a finished job's record.</remarks>
    public Task SaveProgressAsync(string id, JobProgress progress, bool streaming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(progress);
        return UpdateAsync(
            $"""
            UPDATE jobs SET progress_phase = $progress_phase, progress_rows = $progress_rows,
                progress_total_rows = $progress_total_rows, progress_bytes = $progress_bytes, streaming = $streaming
            WHERE id = $id AND state IN {JobRows.ActiveStates};
            """,
            command =>
            {
                JobRows.Add(command, "$id", id);
                JobRows.BindProgress(command, progress);
                JobRows.Add(command, "$streaming", streaming);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Ignored once the job is final, as <see cref="SaveProgressAsync"/>.</remarks>
    public Task SaveResourcesAsync(string id, JobResources resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(resources);
        return UpdateAsync(
            $"""
            UPDATE jobs SET statement_handle = $statement_handle, upload_bucket = $upload_bucket, upload_key = $upload_key,
                upload_id = $upload_id, unload_folder = $unload_folder
            WHERE id = $id AND state IN {JobRows.ActiveStates};
            """,
            command =>
            {
                JobRows.Add(command, "$id", id);
                JobRows.BindResources(command, resources);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not final.</exception>
    public Task<bool> TryFinishAsync(
        string id, JobState state, DateTimeOffset finishedAt, string? resultJson, string? reportJson, string? errorJson,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!JobRows.IsFinal(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A job finishes as succeeded, failed or cancelled.");
        }

        return UpdateAsync(
            $"""
            UPDATE jobs SET state = $state, finished_at = $finished_at, result_json = $result_json,
                report_json = $report_json, error_json = $error_json
            WHERE id = $id AND state IN {JobRows.ActiveStates};
            """,
            command =>
            {
                JobRows.Add(command, "$id", id);
                JobRows.Add(command, "$state", JobRows.StateName(state));
                JobRows.Add(command, "$finished_at", JobRows.FormatTime(finishedAt));
                JobRows.Add(command, "$result_json", resultJson);
                JobRows.Add(command, "$report_json", reportJson);
                JobRows.Add(command, "$error_json", errorJson);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryCancelQueuedAsync(string id, DateTimeOffset finishedAt, string errorJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return UpdateAsync(
            """
            UPDATE jobs SET state = $state, finished_at = $finished_at, error_json = $error_json
            WHERE id = $id AND state = $queued;
            """,
            command =>
            {
                JobRows.Add(command, "$id", id);
                JobRows.Add(command, "$state", JobRows.StateName(JobState.Cancelled));
                JobRows.Add(command, "$queued", JobRows.StateName(JobState.Queued));
                JobRows.Add(command, "$finished_at", JobRows.FormatTime(finishedAt));
                JobRows.Add(command, "$error_json", errorJson);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// An idempotency key goes with its job; a claim that never got a job goes once older than <paramref name="before"/>.
    /// A bound key outlives its replay window until its job is purged, which is harmless: a claim older than the
    /// window is replaced (<see cref="ClaimIdempotencyKeyAsync"/>).
    /// </remarks>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) => TransactAsync(
        async (writer, ct) =>
        {
            int purged;
            using (var jobs = writer.CreateCommand())
            {
                jobs.CommandText = $"DELETE FROM jobs WHERE state IN {JobRows.FinalStates} AND finished_at < $before;";
                JobRows.Add(jobs, "$before", JobRows.FormatTime(before));
                purged = await jobs.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            using (var keys = writer.CreateCommand())
            {
                keys.CommandText = """
                    DELETE FROM idempotency_keys
                    WHERE (job_id IS NULL AND claimed_at < $before)
                        OR (job_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM jobs WHERE jobs.id = idempotency_keys.job_id));
                    """;
                JobRows.Add(keys, "$before", JobRows.FormatTime(before));
                await keys.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return purged;
        },
        cancellationToken);

    /// <summary>One statement on the writer (atomic on its own); true when it changed a row.</summary>
    private Task<bool> UpdateAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) => WriteAsync(
        async (writer, ct) =>
        {
            using var command = writer.CreateCommand();
            command.CommandText = sql;
            bind(command);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        },
        cancellationToken);
}
