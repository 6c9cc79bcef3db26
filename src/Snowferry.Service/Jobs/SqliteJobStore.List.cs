namespace Snowferry.Service.Jobs;

/// <summary>A client's jobs, a page at a time.</summary>
public sealed partial class SqliteJobStore
{
    /// <summary>The largest page <see cref="ListAsync"/> returns (the API clamps <c>limit</c> to it).</summary>
    public const int MaxPageSize = 200;

    /// <inheritdoc />
    /// <remarks>
    /// Pages follow the insertion order (<c>seq</c>), so a job inserted while a client pages lands before the first
    /// page, never between two: walking the cursors sees every older job exactly once. A cursor only fits the client
    /// and state filter it was given for.
    /// </remarks>
    public Task<JobPage> ListAsync(string client, JobState? state, int limit, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var cursors = _cursor ?? throw NotInitialized();
        long? after = cursor is null ? null : cursors.Decode(cursor, client, state);

        return ReadAsync(
            async (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT {JobRows.Columns} FROM jobs
                    WHERE client = $client
                        {(state is null ? "" : "AND state = $state")}
                        {(after is null ? "" : "AND seq < $after")}
                    ORDER BY seq DESC
                    LIMIT $limit;
                    """;
                JobRows.Add(command, "$client", client);
                JobRows.Add(command, "$state", state is { } s ? JobRows.StateName(s) : null);
                JobRows.Add(command, "$after", after);
                // One more than the page: whether there is a next page, without a query that could find it empty.
                JobRows.Add(command, "$limit", limit + 1);
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var items = new List<TransferJob>(Math.Min(limit, 32));
                long lastSeq = 0;
                while (items.Count < limit && await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    items.Add(JobRows.Read(reader));
                    lastSeq = reader.GetInt64(JobRows.SeqOrdinal);
                }

                var more = items.Count == limit && await reader.ReadAsync(ct).ConfigureAwait(false);
                return new JobPage(items, more ? cursors.Encode(client, state, lastSeq) : null);
            },
            cancellationToken);
    }
}
