namespace Snowferry.LocalSnowflake.Server;

/// <summary>Where a statement stands; every state but <see cref="Queued"/> and <see cref="Running"/> is final (bar expiry).</summary>
internal enum StatementState
{
    /// <summary>Waiting for a slot of its warehouse (answered as running: 202, 429 throttles).</summary>
    Queued,
    Running,
    Succeeded,
    Failed,
    Canceled,
    TimedOut,
    Expired,
}

/// <summary>A Snowflake error as a 422 body carries it.</summary>
internal sealed record StatementError(string Code, string SqlState, string Message);

/// <summary>
/// One submitted statement (or one statement of a multi-statement request): its handle, state and stored result.
/// State changes are atomic under a lock, so a cancel that races the end of execution has exactly one winner.
/// </summary>
internal sealed class StatementRun : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StatementState _state;
    private StoredResult? _result;
    private StatementError? _error;

    public StatementRun(string handle, string? requestId, DateTimeOffset createdOn, TimeSpan? timeout, TimeProvider time)
    {
        Handle = handle;
        RequestId = requestId;
        CreatedOn = createdOn;
        TimeoutSeconds = timeout is { } t ? (long)t.TotalSeconds : null;
        StatusUrl = StatementUrls.Status(handle, requestId);
        if (timeout is { } limit)
        {
            // Started at submission: time spent queued for the warehouse counts against the timeout.
            _timeout = new CancellationTokenSource(limit, time);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token, _timeout.Token);
        }
        else
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        }
    }

    public string Handle { get; }

    public string? RequestId { get; }

    public DateTimeOffset CreatedOn { get; }

    public long CreatedOnMilliseconds => CreatedOn.ToUnixTimeMilliseconds();

    /// <summary>Relative URL of this statement's status, as <c>statementStatusUrl</c> gives it.</summary>
    public string StatusUrl { get; }

    public long? TimeoutSeconds { get; }

    /// <summary>Fires on cancel, on the statement's timeout and on server dispose.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Completes when the run reaches a final state.</summary>
    public Task Completion => _done.Task;

    /// <summary>The execution, for dispose to wait on.</summary>
    public Task? Execution { get; set; }

    /// <summary>When it finished (the result's lifetime counts from here); null while queued or running.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The handles of a multi-statement request's statements, in order; null for a single statement.</summary>
    public IReadOnlyList<string>? ChildHandles { get; private set; }

    public (StatementState State, StoredResult? Result, StatementError? Error) Snapshot()
    {
        lock (_lock)
        {
            return (_state, _result, _error);
        }
    }

    /// <summary>Neither finished nor expired: a client is told it is still in progress.</summary>
    public static bool IsInProgress(StatementState state) => state is StatementState.Queued or StatementState.Running;

    /// <summary>
    /// Leaves the queue for a slot of the warehouse; false when a cancel or the timeout ended it while it waited (it then
    /// never runs).
    /// </summary>
    public bool TryStart()
    {
        lock (_lock)
        {
            if (_state != StatementState.Queued)
            {
                return false;
            }

            _state = StatementState.Running;
            return true;
        }
    }

    /// <summary>Records the result; false (the caller deletes it) when a cancel or the timeout won the race.</summary>
    public bool TrySucceed(StoredResult result, IReadOnlyList<string>? childHandles, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!IsInProgress(_state))
            {
                return false;
            }

            _state = StatementState.Succeeded;
            _result = result;
            ChildHandles = childHandles;
            FinishedAt = now;
        }

        StopTimeoutTimer();

        _done.TrySetResult();
        return true;
    }

    public void Fail(StatementError error, DateTimeOffset now) => _ = Finish(StatementState.Failed, error, now);

    /// <summary>The statement observed its token: a cancel request, the timeout, or dispose.</summary>
    public void OnCanceled(DateTimeOffset now) =>
        _ = Finish(_timeout?.IsCancellationRequested == true && !_cancel.IsCancellationRequested ? StatementState.TimedOut : StatementState.Canceled, null, now);

    /// <summary>
    /// Cancels a queued or running statement: it is final at once (a GET answers 000604), and its token fires (a queued
    /// one leaves the queue and never runs). False when it had already finished (nothing changes).
    /// </summary>
    public bool Cancel(DateTimeOffset now)
    {
        var stopped = Finish(StatementState.Canceled, null, now);
        _cancel.Cancel();
        return stopped;
    }

    /// <summary>Drops the result once its lifetime is over; true when it did.</summary>
    public bool TryExpire(DateTimeOffset now, TimeSpan lifetime)
    {
        StoredResult? result;
        lock (_lock)
        {
            if (FinishedAt is not { } finished || now - finished < lifetime || _state == StatementState.Expired)
            {
                return false;
            }

            result = _result;
            _result = null;
            _state = StatementState.Expired;
        }

        // The files go with the last lease: a cache entry or a statement answered from it may still hold them.
        result?.Files.Release();

        return true;
    }

    private bool Finish(StatementState state, StatementError? error, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!IsInProgress(_state))
            {
                return false;
            }

            _state = state;
            _error = error;
            FinishedAt = now;
        }

        StopTimeoutTimer();

        _done.TrySetResult();
        return true;
    }

    /// <summary>A finished statement's timeout timer would otherwise live as long as the timeout (up to 7 days).</summary>
    private void StopTimeoutTimer()
    {
        try
        {
            _timeout?.CancelAfter(Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timeout?.Dispose();
        _cancel.Dispose();
    }
}
