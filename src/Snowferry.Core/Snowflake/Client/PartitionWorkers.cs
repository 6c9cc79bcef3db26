namespace Snowferry.Snowflake.Client;

/// <summary>
/// The slots in which result partitions are inflated and decoded, shared by every result a client reads: a service
/// running ten transfers through one data source decodes at most <see cref="Count"/> partitions at a time, not ten
/// times as many. Downloads wait for no slot (they are I/O); a downloaded body waits for one, in the order it asked.
/// A slot is held only while the CPU works, never while waiting on a reader, so no reader can hold up another.
/// </summary>
internal sealed class PartitionWorkers : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private int _busy;
    private int _mostBusy;

    public PartitionWorkers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _slots = new SemaphoreSlim(count, count);
    }

    /// <summary>Slots: partitions decoded at once, over all the results of the client.</summary>
    public int Count { get; }

    /// <summary>Slots in use now.</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>The most slots ever in use at once (what the tests of the bound read).</summary>
    public int MostBusy => Volatile.Read(ref _mostBusy);

    /// <summary>Runs <paramref name="work"/> in a slot once one is free.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting for a slot.</exception>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var busy = Interlocked.Increment(ref _busy);
            for (var most = Volatile.Read(ref _mostBusy); busy > most; most = Volatile.Read(ref _mostBusy))
            {
                if (Interlocked.CompareExchange(ref _mostBusy, busy, most) == most)
                {
                    break;
                }
            }

            return work();
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
