using Snowferry.LocalSnowflake.Server;

namespace Snowferry.Tests;

/// <summary>
/// Holds the statements a filter picks on the local Snowflake as they start, until <see cref="Release"/>: a statement
/// that cannot finish before the test says so, without sleeping or guessing how long anything takes. Dispose releases.
/// </summary>
internal sealed class StatementHold : IDisposable
{
    private readonly LocalSnowflakeFaults _faults;
    private readonly Func<LocalStatementStart, bool> _which;
    private readonly TaskCompletionSource<LocalStatementStart> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StatementHold(LocalSnowflakeFaults faults, Func<LocalStatementStart, bool> which)
    {
        _faults = faults;
        _which = which;
        faults.StatementStarting += OnStarting;
    }

    /// <summary>The first held statement, once it has started (its submit has arrived and it is running).</summary>
    public Task<LocalStatementStart> Started => _started.Task;

    public void Release() => _released.TrySetResult();

    public void Dispose()
    {
        _faults.StatementStarting -= OnStarting;
        Release();
    }

    private void OnStarting(object? sender, LocalStatementStart start)
    {
        if (!_which(start))
        {
            return;
        }

        _started.TrySetResult(start);
        // The server runs each statement on a thread of its own, so waiting here holds this statement only. The bound is
        // reached only when a test fails without releasing.
        _released.Task.Wait(TimeSpan.FromMinutes(1));
    }
}
