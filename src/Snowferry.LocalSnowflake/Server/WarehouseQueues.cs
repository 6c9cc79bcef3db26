namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// A warehouse's <c>MAX_CONCURRENCY_LEVEL</c>: at most that many statements per warehouse hold a slot at once, the rest
/// wait in submission order (FIFO, which <see cref="SemaphoreSlim"/> does not promise). A freed slot passes straight to
/// the first waiter, so a newcomer never overtakes the queue.
/// </summary>
internal sealed class WarehouseQueues
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Warehouse> _warehouses = new(StringComparer.Ordinal);
    private readonly int _level;

    public WarehouseQueues(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        _level = level;
    }

    /// <summary>
    /// Takes a slot of <paramref name="warehouse"/> (null: the request named none, a pool of its own), waiting in line
    /// when all are taken; <paramref name="onQueued"/> runs once the statement is in line, before it waits. Throws
    /// <see cref="OperationCanceledException"/> when the token fires first: the statement then holds no slot and leaves
    /// the line. Whoever returns normally holds a slot and must <see cref="Release"/> it.
    /// </summary>
    public Task EnterAsync(string? warehouse, Action? onQueued, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Warehouse state;
        LinkedListNode<TaskCompletionSource> place;
        lock (_lock)
        {
            state = Get(warehouse);
            if (state.Running < _level && state.Waiting.Count == 0)
            {
                state.Running++;
                state.PeakRunning = Math.Max(state.PeakRunning, state.Running);
                return Task.CompletedTask;
            }

            place = state.Waiting.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        onQueued?.Invoke();
        return WaitAsync(state, place, cancellationToken);
    }

    private async Task WaitAsync(Warehouse state, LinkedListNode<TaskCompletionSource> place, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                // Still in line: leave it. Already handed a slot: keep it (the caller sees the token and releases it).
                if (place.List is not null)
                {
                    state.Waiting.Remove(place);
                    place.Value.TrySetCanceled(cancellationToken);
                }
            }
        });
        await place.Value.Task.ConfigureAwait(false);
    }

    /// <summary>Frees a slot: to the first in line when there is one, else back to the warehouse.</summary>
    public void Release(string? warehouse)
    {
        lock (_lock)
        {
            var state = Get(warehouse);
            if (state.Waiting.First is { } first)
            {
                // The slot changes hands, so the running count stays; the waiter's continuation runs elsewhere.
                state.Waiting.RemoveFirst();
                first.Value.TrySetResult();
                return;
            }

            state.Running--;
        }
    }

    public LocalWarehouseLoad Load(string? warehouse)
    {
        lock (_lock)
        {
            var state = Get(warehouse);
            return new LocalWarehouseLoad(state.Running, state.Waiting.Count, state.PeakRunning);
        }
    }

    private Warehouse Get(string? warehouse)
    {
        var key = warehouse ?? "";
        if (!_warehouses.TryGetValue(key, out var state))
        {
            state = new Warehouse();
            _warehouses[key] = state;
        }

        return state;
    }

    private sealed class Warehouse
    {
        public int Running { get; set; }

        public int PeakRunning { get; set; }

        public LinkedList<TaskCompletionSource> Waiting { get; } = new();
    }
}
