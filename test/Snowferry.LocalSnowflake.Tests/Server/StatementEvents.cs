using System.Collections.Concurrent;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// Records a server's statement observers (queued, starting, cancelled by a client) in the order they fire, and lets a
/// test wait until what it recorded satisfies a condition: no sleeping, no polling.
/// </summary>
internal sealed class StatementEvents : IDisposable
{
    private readonly LocalSnowflakeFaults _faults;
    private readonly Lock _lock = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public StatementEvents(LocalSnowflakeFaults faults)
    {
        _faults = faults;
        _faults.StatementQueued += OnQueued;
        _faults.StatementStarting += OnStarting;
        _faults.StatementCancelledByClient += OnCancelled;
    }

    public ConcurrentQueue<LocalStatementQueued> Queued { get; } = new();

    public ConcurrentQueue<LocalStatementStart> Started { get; } = new();

    public ConcurrentQueue<string> CancelledByClient { get; } = new();

    public int QueuedCount(string marker) => Queued.Count(q => q.Statement.Contains(marker, StringComparison.Ordinal));

    public int StartedCount(string marker) => Started.Count(s => s.Statement.Contains(marker, StringComparison.Ordinal));

    /// <summary>Completes once <paramref name="condition"/> holds (checked now and after every event); fails after 30 s.</summary>
    public Task WaitUntilAsync(Func<bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition())
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    private void OnQueued(object? sender, LocalStatementQueued queued)
    {
        Queued.Enqueue(queued);
        Check();
    }

    private void OnStarting(object? sender, LocalStatementStart start)
    {
        Started.Enqueue(start);
        Check();
    }

    private void OnCancelled(object? sender, string handle)
    {
        CancelledByClient.Enqueue(handle);
        Check();
    }

    private void Check()
    {
        lock (_lock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition())
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public void Dispose()
    {
        _faults.StatementQueued -= OnQueued;
        _faults.StatementStarting -= OnStarting;
        _faults.StatementCancelledByClient -= OnCancelled;
    }
}
