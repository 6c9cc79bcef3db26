namespace Snowferry.Snowflake.Client;

/// <summary>How <see cref="SnowflakeClient"/> retries, polls and prefetches. Every property has a working default.</summary>
public sealed record SnowflakeClientOptions
{
    /// <summary>The default <see cref="StatementTimeout"/>: 6 hours.</summary>
    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromHours(6);

    /// <summary>Total time a request may spend retrying transient failures before it gives up (default 2 min).</summary>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Most attempts per request, the first included (default 8).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Backoff before the second attempt; doubles each time, drawn with full jitter (default 250 ms).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest backoff between attempts (default 16 s).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(16);

    /// <summary>
    /// First wait before polling a statement; doubles up to <see cref="PollMaxDelay"/> (default 10 ms). Every statement is
    /// submitted with <c>async=true</c> and polled, so this is what a statement of a few milliseconds waits beyond its own run.
    /// </summary>
    public TimeSpan PollInitialDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest wait between polls of a running statement (default 1 s).</summary>
    public TimeSpan PollMaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Partitions downloaded and decoded ahead of the reader, in parallel; bounds memory, not the result size (default
    /// 3). Decoding also waits for one of the client's decode slots (one per processor, shared by all its results).
    /// </summary>
    public int PartitionPrefetch { get; init; } = 3;

    /// <summary>
    /// Bytes of partitions held ahead of the reader (default 64 MiB): a partition counts from its download on at its
    /// <c>uncompressedSize</c> (what its body takes once inflated), and once decoded at what its batch holds, until the
    /// reader takes it. Another download starts only while what is held and its <c>uncompressedSize</c> stay within
    /// this, so a result of large partitions holds fewer of them; one is always allowed, however large. A partition
    /// whose size Snowflake did not give counts as none until it is decoded.
    /// </summary>
    public long PartitionPrefetchBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// The statement timeout sent when <see cref="SnowflakeStatementOptions.Timeout"/> is null (default 6 hours): Snowflake
    /// cancels a statement that runs longer (408). Null sends none, so the account's STATEMENT_TIMEOUT_IN_SECONDS applies
    /// (two days unless changed). It also bounds polling: a statement still reported running this long plus
    /// <see cref="RetryTimeout"/> after its submit is cancelled and fails. 1 second to 7 days.
    /// </summary>
    public TimeSpan? StatementTimeout
    {
        get;
        init => field = SnowflakeStatementOptions.CheckTimeout(value, nameof(StatementTimeout));
    } = DefaultStatementTimeout;

    /// <summary>
    /// Time allowed for the best-effort server-side cancel after the caller cancels (default 5 s). Also how long a submit
    /// whose answer has not arrived when the caller cancels is still waited for, so the statement can be cancelled by handle.
    /// </summary>
    public TimeSpan CancelTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest response body accepted, after decompression (default 512 MiB); larger bodies fail.</summary>
    public int MaxResponseBytes { get; init; } = 512 * 1024 * 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryTimeout, TimeSpan.Zero, nameof(RetryTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBaseDelay, TimeSpan.Zero, nameof(RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, RetryBaseDelay, nameof(RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(PollInitialDelay, TimeSpan.Zero, nameof(PollInitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(PollMaxDelay, PollInitialDelay, nameof(PollMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionPrefetch, 1, nameof(PartitionPrefetch));
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionPrefetchBytes, 1, nameof(PartitionPrefetchBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CancelTimeout, TimeSpan.Zero, nameof(CancelTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResponseBytes, 1024, nameof(MaxResponseBytes));
    }
}
