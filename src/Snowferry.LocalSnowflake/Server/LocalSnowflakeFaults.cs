namespace Snowferry.LocalSnowflake.Server;

/// <summary>Test switches; all thread-safe, each counts down as it fires.</summary>
public sealed class LocalSnowflakeFaults
{
    private readonly Lock _lock = new();
    private int _failCount;
    private int _failStatus;
    private int _dropCount;
    private long _delayTicks;
    private long _answerDelayTicks;
    private int _throttleCount;
    private long _throttleRetryAfterSeconds = -1;
    private int _throttled;
    private DelayRule? _delayWhere;
    private TaskCompletionSource _delayChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answer the next <paramref name="count"/> requests (any endpoint) with this status (429, 503, 500…).</summary>
    public void FailNextRequests(int count, int httpStatus)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (httpStatus is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(httpStatus), httpStatus, "A fault status must be 4xx or 5xx.");
        }

        lock (_lock)
        {
            _failCount = count;
            _failStatus = httpStatus;
        }
    }

    /// <summary>Cut the next <paramref name="count"/> partition downloads (n ≥ 1) mid-body.</summary>
    public void DropNextPartitionDownloads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Volatile.Write(ref _dropCount, count);
    }

    /// <summary>
    /// Make every statement take at least this long once it has a slot of its warehouse (drives 202 polling,
    /// cancellation and queueing). A change applies to statements already in their delay: a shorter (or zero) delay
    /// releases them, measured from when each started.
    /// </summary>
    public TimeSpan StatementDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set
        {
            Interlocked.Exchange(ref _delayTicks, value < TimeSpan.Zero ? 0 : value.Ticks);
            OnDelayChanged();
        }
    }

    /// <summary>
    /// Make the statements whose SQL text <paramref name="predicate"/> matches take at least <paramref name="delay"/>
    /// (the longer of this and <see cref="StatementDelay"/>), so one test's slow statements leave the rest of a shared
    /// server at full speed. A null predicate (or a zero delay) disarms it; like <see cref="StatementDelay"/>, a change
    /// applies to statements already in their delay, so disarming releases them.
    /// </summary>
    public void DelayStatementsWhere(Func<string, bool>? predicate, TimeSpan delay)
    {
        Volatile.Write(ref _delayWhere, predicate is null || delay <= TimeSpan.Zero ? null : new DelayRule(predicate, delay));
        OnDelayChanged();
    }

    /// <summary>
    /// Hold every submit's answer this long after the statement has started (or queued), as a slow network or a busy
    /// front end does: a client cancelling meanwhile has no handle yet. A client that hangs up during the hold leaves the
    /// statement running.
    /// </summary>
    public TimeSpan SubmitAnswerDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _answerDelayTicks));
        set => Interlocked.Exchange(ref _answerDelayTicks, value < TimeSpan.Zero ? 0 : value.Ticks);
    }

    /// <summary>
    /// Answer the next <paramref name="count"/> status polls (GET of a statement's status, partition 0) of statements still
    /// running with 429 and a QueryStatus body (code 333334 and the handle), as Snowflake does while a busy warehouse
    /// queues the statement; with <paramref name="retryAfter"/>, a <c>Retry-After</c> header in whole seconds (rounded up).
    /// </summary>
    public void ThrottleNextStatusPolls(int count, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            _throttleCount = count;
            _throttleRetryAfterSeconds = retryAfter is { } delay ? (long)Math.Ceiling(Math.Max(0, delay.TotalSeconds)) : -1;
        }
    }

    /// <summary>Status polls answered 429 by <see cref="ThrottleNextStatusPolls"/> since the server started.</summary>
    public int StatusPollsThrottled => Volatile.Read(ref _throttled);

    /// <summary>
    /// Raised when a client's cancel request (<c>POST …/cancel</c>) stops a statement that was still running, with its
    /// handle: a test waits on it to see a client's server-side cancel arrive, without sleeping.
    /// </summary>
    public event EventHandler<string>? StatementCancelledByClient;

    /// <summary>
    /// Raised as each submitted statement starts, once it has a slot of its warehouse (or, answered from the result
    /// cache, at once: <see cref="LocalStatementStart.FromResultCache"/>) and before <see cref="StatementDelay"/>: what it
    /// was sent with. A statement cancelled (or timed out) while queued never raises it.
    /// </summary>
    public event EventHandler<LocalStatementStart>? StatementStarting;

    /// <summary>
    /// Raised as a statement joins its warehouse's queue because every slot is taken (before any
    /// <see cref="StatementStarting"/> of it), with <see cref="LocalSnowflakeServer.WarehouseLoad"/> already counting it.
    /// </summary>
    public event EventHandler<LocalStatementQueued>? StatementQueued;

    /// <summary>
    /// Statements (by their SQL text) to cancel on the server once they start running, as an operator's
    /// <c>SYSTEM$CANCEL_QUERY</c> would: their status turns to 000604 "SQL execution canceled".
    /// </summary>
    public Func<string, bool>? CancelStatementsWhere { get; set; }

    /// <summary>
    /// Statements (by their SQL text) to fail on the server once they start running, as a statement that hits its
    /// timeout or the warehouse's limits does: their status turns to 000630 / 57014.
    /// </summary>
    public Func<string, bool>? FailStatementsWhere { get; set; }

    /// <summary>The status to fail this request with, counting it down; null when no failure is armed.</summary>
    internal int? TakeRequestFailure()
    {
        lock (_lock)
        {
            if (_failCount <= 0)
            {
                return null;
            }

            _failCount--;
            return _failStatus;
        }
    }

    /// <summary>
    /// True when this status poll is to be answered 429, counting it down; <paramref name="retryAfterSeconds"/> is the
    /// Retry-After to send, or null for none.
    /// </summary>
    internal bool TakeStatusPollThrottle(out long? retryAfterSeconds)
    {
        lock (_lock)
        {
            retryAfterSeconds = _throttleRetryAfterSeconds >= 0 ? _throttleRetryAfterSeconds : null;
            if (_throttleCount <= 0)
            {
                return false;
            }

            _throttleCount--;
            _throttled++;
        }

        StatusPollThrottled?.Invoke(this, EventArgs.Empty);
        return true;
    }

    internal void OnCancelledByClient(string handle) => StatementCancelledByClient?.Invoke(this, handle);

    internal void OnStatementStarting(LocalStatementStart start) => StatementStarting?.Invoke(this, start);

    internal void OnStatementQueued(LocalStatementQueued queued) => StatementQueued?.Invoke(this, queued);

    /// <summary>
    /// Waits out the delay <see cref="StatementDelay"/> and <see cref="DelayStatementsWhere"/> give this statement,
    /// counted from the call; re-reads them whenever they change. Ends at once, throwing, when the token fires.
    /// </summary>
    internal async Task DelayAsync(string statement, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            // The change signal first: a change after the switches are read then still wakes the wait.
            var changed = Volatile.Read(ref _delayChanged).Task;
            var rule = Volatile.Read(ref _delayWhere);
            var delay = StatementDelay;
            if (rule is not null && rule.Delay > delay && rule.Predicate(statement))
            {
                delay = rule.Delay;
            }

            var remaining = delay - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var wait = Task.Delay(remaining, time, stop.Token);
            if (await Task.WhenAny(wait, changed).ConfigureAwait(false) == wait)
            {
                // Throws when the statement was cancelled or timed out.
                await wait.ConfigureAwait(false);
                return;
            }

            // A switch changed: stop this timer and read them again.
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private void OnDelayChanged() =>
        Interlocked.Exchange(ref _delayChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>True when this partition download is to be cut, counting it down.</summary>
    internal bool TakePartitionDrop()
    {
        while (true)
        {
            var current = Volatile.Read(ref _dropCount);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _dropCount, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Result columns, by name, whose declared <c>rowType[].type</c> becomes the given wire name while their cells stay as
    /// the engine wrote them: how a test meets types the engine cannot produce (Snowflake's <c>timestamp</c> alias,
    /// <c>file</c>, <c>interval_day_time</c>, or one added later).
    /// </summary>
    public IReadOnlyDictionary<string, string>? DeclaredColumnTypes { get; set; }

    /// <summary>
    /// Answer the next <paramref name="count"/> finished statements with code 391908 ("the response does not hold the
    /// whole result set") on their 200 result, as Snowflake does when it cannot return all of a result.
    /// </summary>
    public void AnswerNextResultsAsIncomplete(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Volatile.Write(ref _incompleteCount, count);
    }

    /// <summary>True when this statement's result is to be answered as incomplete, counting it down.</summary>
    internal bool TakeIncompleteResult()
    {
        while (true)
        {
            var current = Volatile.Read(ref _incompleteCount);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _incompleteCount, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    private int _incompleteCount;

    /// <summary>
    /// Raised as <see cref="ThrottleNextStatusPolls"/> answers a status poll 429, before the answer is sent: a test waits
    /// on it to act while the client is backing off, without guessing how long that takes.
    /// </summary>
    public event EventHandler? StatusPollThrottled;

    private sealed record DelayRule(Func<string, bool> Predicate, TimeSpan Delay);
}

/// <summary>A statement as it starts on the local Snowflake: its handle, its text and the <c>timeout</c> it was sent with.</summary>
/// <param name="Handle">The statement handle.</param>
/// <param name="Statement">The SQL text (statements of a multi-statement request joined by <c>;</c>).</param>
/// <param name="TimeoutSeconds">The request's <c>timeout</c> in seconds (0 read as 604800); null when none was sent.</param>
public sealed record LocalStatementStart(string Handle, string Statement, long? TimeoutSeconds)
{
    /// <summary>
    /// True when it is answered from the result cache: the engine does not run it and it takes no warehouse slot, but
    /// the fault switches apply to it as to any statement.
    /// </summary>
    public bool FromResultCache { get; init; }
}
