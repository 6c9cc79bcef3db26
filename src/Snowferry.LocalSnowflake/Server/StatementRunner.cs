using System.Globalization;
using Microsoft.Extensions.Logging;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>What a submitted request runs: one statement, or each statement of a multi-statement request in order.</summary>
internal sealed record StatementPlan(IReadOnlyList<string> Statements, bool IsMultiStatement, EngineContext Context, bool NullsAsText)
{
    /// <summary>The request's statement text exactly as sent (what a cached result must match).</summary>
    public string Text { get; init; } = "";

    /// <summary>The request's <c>USE_CACHED_RESULT</c>; false: run even when a cached result would do.</summary>
    public bool UseCachedResult { get; init; } = true;

    /// <summary><see cref="SubmitRequest.ResultParameters"/>.</summary>
    public string ResultParameters { get; init; } = "";
}

/// <summary>
/// Runs statements in the background (a POST answers 202 when they outlast the sync wait) and stores their results,
/// at most <see cref="LocalSnowflakeServerOptions.MaxConcurrencyLevel"/> per warehouse at once (the rest queue, FIFO).
/// Each run observes its token (cancel, timeout, dispose) in the queue, in the fault delay, in the engine and between rows.
/// A statement the <see cref="ResultCache"/> can answer takes no warehouse slot (Snowflake serves persisted results
/// without a warehouse) but otherwise goes the same way: started event, fault delay, cancel and fail switches, incomplete
/// answers, timeout; only the engine is skipped.
/// </summary>
internal sealed class StatementRunner
{
    public const string MultiStatementFailureCode = "100132";
    public const string MultiStatementFailureSqlState = "P0000";
    public const string MultiStatementMessage = "Multiple statements executed successfully.";

    private static readonly EngineColumn[] s_multiStatementColumns =
    [
        new EngineColumn { Name = "multiple statement execution", Type = "text", Length = 16_777_216, ByteLength = 16_777_216, Nullable = false },
    ];

    private readonly Func<string, EngineContext, CancellationToken, EngineResult> _execute;
    private readonly ResultStore _store;
    private readonly StatementRegistry _registry;
    private readonly WarehouseQueues _warehouses;
    private readonly LocalSnowflakeFaults _faults;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResultCache? _cache;

    public StatementRunner(
        Func<string, EngineContext, CancellationToken, EngineResult> execute,
        ResultStore store,
        StatementRegistry registry,
        WarehouseQueues warehouses,
        LocalSnowflakeFaults faults,
        TimeProvider time,
        ILogger logger,
        ResultCache? cache = null)
    {
        _cache = cache;
        _execute = execute;
        _store = store;
        _registry = registry;
        _warehouses = warehouses;
        _faults = faults;
        _time = time;
        _logger = logger;
    }

    public static string NewHandle() => Guid.NewGuid().ToString("D");

    public void Start(StatementRun run, StatementPlan plan) =>
        run.Execution = Task.Run(() => RunAsync(run, plan), CancellationToken.None);

    private async Task RunAsync(StatementRun run, StatementPlan plan)
    {
        var token = run.Token;
        var text = string.Join(";", plan.Statements);
        var warehouse = plan.Context.Warehouse;
        var holdsSlot = false;
        StoredResult? cached = null;
        try
        {
            // A test's redeclared column types change the stored result, so they keep the cache out of it both ways.
            var candidate = _faults.DeclaredColumnTypes is { Count: > 0 } ? null : _cache?.Candidate(plan);
            // Leased here, handed to the run once it succeeds; released in the finally if it never gets there.
            cached = candidate is not null && plan.UseCachedResult ? _cache!.TryLease(candidate.Key) : null;
            var fromCache = cached is not null;
            if (!fromCache)
            {
                // A multi-statement request holds one slot throughout: its statements run one after the other anyway.
                await _warehouses.EnterAsync(warehouse, () => OnQueued(run, warehouse, text), token).ConfigureAwait(false);
                holdsSlot = true;
                // Cancelled or timed out just as the slot came free: it never starts.
                token.ThrowIfCancellationRequested();
            }

            if (!run.TryStart())
            {
                // A cancel request made it final a moment before its token fires.
                return;
            }

            if (fromCache)
            {
                ServerLog.StatementFromResultCache(_logger, run.Handle);
            }

            _faults.OnStatementStarting(new LocalStatementStart(run.Handle, text, run.TimeoutSeconds) { FromResultCache = fromCache });
            await _faults.DelayAsync(text, _time, token).ConfigureAwait(false);

            if (_faults.CancelStatementsWhere?.Invoke(text) == true)
            {
                ServerLog.StatementCanceled(_logger, run.Handle);
                run.OnCanceled(_time.GetUtcNow());
                return;
            }

            if (_faults.FailStatementsWhere?.Invoke(text) == true)
            {
                ServerLog.StatementFailed(_logger, run.Handle, "000630", "57014");
                run.Fail(new StatementError("000630", "57014", "Statement reached its statement or warehouse timeout of 0 second(s) and was canceled."), _time.GetUtcNow());
                return;
            }

            IReadOnlyList<string>? children = null;
            StoredResult result;
            if (cached is not null)
            {
                // The run holds the lease from here on (released when its result expires).
                result = cached;
                cached = null;
            }
            else if (plan.IsMultiStatement)
            {
                children = RunEach(run, plan, token);
                if (children is null)
                {
                    return;
                }

                using var summary = new EngineResult(s_multiStatementColumns, [[MultiStatementMessage]]);
                result = _store.Store(run.Handle, summary, plan.NullsAsText, token);
            }
            else
            {
                result = ExecuteAndStore(run.Handle, plan.Statements[0], plan, token);
            }

            var complete = result;
            if (_faults.TakeIncompleteResult())
            {
                result = result with { Incomplete = true };
            }

            // Kept before the run succeeds: the client hears of the success at once, and a repeat it sends the moment it
            // does must find the result (kept after, a fast repeat ran the statement again).
            var keep = candidate is not null && !fromCache;
            if (keep)
            {
                _cache!.Add(candidate!, complete);
            }

            if (!run.TrySucceed(result, children, _time.GetUtcNow()))
            {
                // Cancelled while the last rows were being stored: the cancel is what the client was told, and a
                // cancelled statement's result is not reused.
                result.Files.Release();
                if (keep)
                {
                    _cache!.Withdraw(candidate!.Key, complete);
                }
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Logged before the state changes, so the log line is there when the client hears of it.
            ServerLog.StatementCanceled(_logger, run.Handle);
            run.OnCanceled(_time.GetUtcNow());
        }
        catch (SnowflakeSqlException ex)
        {
            ServerLog.StatementFailed(_logger, run.Handle, ex.Code, ex.SqlState);
            run.Fail(new StatementError(ex.Code, ex.SqlState, ex.Message), _time.GetUtcNow());
        }
        catch (Exception ex)
        {
            // An engine or server bug: Snowflake's internal-error code, and the detail only in the log.
            ServerLog.StatementCrashed(_logger, run.Handle, ex);
            run.Fail(new StatementError("000603", "XX000", "SQL execution internal error: Processing aborted due to error 300002."), _time.GetUtcNow());
        }
        finally
        {
            cached?.Files.Release();
            if (holdsSlot)
            {
                _warehouses.Release(warehouse);
            }
        }
    }

    private void OnQueued(StatementRun run, string? warehouse, string text)
    {
        ServerLog.StatementQueued(_logger, run.Handle, warehouse ?? "(none named)");
        _faults.OnStatementQueued(new LocalStatementQueued(run.Handle, warehouse, text));
    }

    /// <summary>Runs a multi-statement request's statements in order, each under its own handle; null once one fails.</summary>
    private List<string>? RunEach(StatementRun parent, StatementPlan plan, CancellationToken token)
    {
        var handles = new List<string>(plan.Statements.Count);
        for (var i = 0; i < plan.Statements.Count; i++)
        {
            var child = _registry.Add(new StatementRun(NewHandle(), null, _time.GetUtcNow(), null, _time));
            child.TryStart();
            handles.Add(child.Handle);
            try
            {
                var result = ExecuteAndStore(child.Handle, plan.Statements[i], plan, token);
                child.TrySucceed(result, null, _time.GetUtcNow());
            }
            catch (SnowflakeSqlException ex) when (!token.IsCancellationRequested)
            {
                ServerLog.StatementFailed(_logger, child.Handle, ex.Code, ex.SqlState);
                var now = _time.GetUtcNow();
                child.Fail(new StatementError(ex.Code, ex.SqlState, ex.Message), now);
                parent.Fail(
                    new StatementError(
                        MultiStatementFailureCode,
                        MultiStatementFailureSqlState,
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Execution of multiple statements failed on statement {i + 1} of {plan.Statements.Count} ({child.Handle}): {ex.Code} ({ex.SqlState}): {ex.Message}")),
                    now);
                return null;
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                child.OnCanceled(_time.GetUtcNow());
                throw;
            }
        }

        return handles;
    }

    private StoredResult ExecuteAndStore(string handle, string statement, StatementPlan plan, CancellationToken token)
    {
        using var result = _execute(statement, plan.Context with { QueryId = handle }, token);
        if (_faults.DeclaredColumnTypes is not { Count: > 0 } declared)
        {
            return _store.Store(handle, result, plan.NullsAsText, token);
        }

        var columns = result.Columns.Select(c => declared.TryGetValue(c.Name, out var type) ? c with { Type = type } : c).ToList();
        var redeclared = new EngineResult(columns, result.Rows)
        {
            RowsInserted = result.RowsInserted,
            RowsUpdated = result.RowsUpdated,
            RowsDeleted = result.RowsDeleted,
        };
        return _store.Store(handle, redeclared, plan.NullsAsText, token);
    }

    /// <summary>Cancels every queued or running statement and waits (bounded) for them to stop, before the result files go.</summary>
    public async Task StopAllAsync()
    {
        var running = new List<Task>();
        foreach (var run in _registry.All)
        {
            if (StatementRun.IsInProgress(run.Snapshot().State))
            {
                run.Cancel(_time.GetUtcNow());
            }

            if (run.Execution is { } execution)
            {
                running.Add(execution);
            }
        }

        try
        {
            // A wall-clock bound on shutdown, not a statement timer, so not on the (possibly fake) TimeProvider.
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A statement stuck in the engine; its files are deleted with the folder regardless.
        }
    }
}
