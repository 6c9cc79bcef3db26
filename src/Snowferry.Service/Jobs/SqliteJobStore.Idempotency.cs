namespace Snowferry.Service.Jobs;

/// <summary>Idempotency keys: one row per client and key, claimed before its job exists and bound to it on insert.</summary>
public sealed partial class SqliteJobStore
{
    /// <inheritdoc />
    public Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(
        string client, string key, string bodyHash, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(bodyHash);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);

        // One immediate transaction: the look-up and the claim hold the write lock together, so of two requests with
        // one key exactly one claims it.
        return TransactAsync(
            async (writer, ct) =>
            {
                using (var select = writer.CreateCommand())
                {
                    select.CommandText = """
                        SELECT body_hash, claimed_at, job_id FROM idempotency_keys WHERE client = $client AND key = $key;
                        """;
                    JobRows.Add(select, "$client", client);
                    JobRows.Add(select, "$key", key);
                    using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    if (await reader.ReadAsync(ct).ConfigureAwait(false)
                        && JobRows.ParseTime(reader.GetString(1)) > now - window)
                    {
                        var sameBody = string.Equals(reader.GetString(0), bodyHash, StringComparison.Ordinal);
                        return (sameBody, JobRows.StringOrNull(reader, 2)) switch
                        {
                            (false, _) => new IdempotencyClaim(IdempotencyOutcome.Mismatch, null),
                            (true, null) => new IdempotencyClaim(IdempotencyOutcome.InProgress, null),
                            (true, var jobId) => new IdempotencyClaim(IdempotencyOutcome.Replay, jobId),
                        };
                    }
                }

                // New, or older than the window: the key starts again with this request's body.
                using var claim = writer.CreateCommand();
                claim.CommandText = """
                    INSERT OR REPLACE INTO idempotency_keys (client, key, body_hash, claimed_at, job_id)
                    VALUES ($client, $key, $body_hash, $claimed_at, NULL);
                    """;
                JobRows.Add(claim, "$client", client);
                JobRows.Add(claim, "$key", key);
                JobRows.Add(claim, "$body_hash", bodyHash);
                JobRows.Add(claim, "$claimed_at", JobRows.FormatTime(now));
                await claim.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return new IdempotencyClaim(IdempotencyOutcome.Claimed, null);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Only a claim still waiting for its job: a key bound to a job stays, or a retry would create a second one.</remarks>
    public Task ReleaseIdempotencyKeyAsync(string client, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(key);
        return UpdateAsync(
            "DELETE FROM idempotency_keys WHERE client = $client AND key = $key AND job_id IS NULL;",
            command =>
            {
                JobRows.Add(command, "$client", client);
                JobRows.Add(command, "$key", key);
            },
            cancellationToken);
    }
}
