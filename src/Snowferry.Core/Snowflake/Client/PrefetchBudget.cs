namespace Snowferry.Snowflake.Client;

/// <summary>
/// The bytes a result's reader has ahead of it (<see cref="SnowflakeClientOptions.PartitionPrefetchBytes"/>): each
/// partition from its download on, at its body's inflated size until it is decoded, then at what its batch holds,
/// until the reader takes it. Decodes finish on the workers' threads, so it is locked.
/// </summary>
internal sealed class PrefetchBudget(long limit)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, long> _held = [];
    private long _total;

    /// <summary>Bytes held now.</summary>
    public long Held
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public bool Fits(long bytes)
    {
        lock (_lock)
        {
            return _total + bytes <= limit;
        }
    }

    public void Hold(int partition, long bytes)
    {
        lock (_lock)
        {
            _held[partition] = bytes;
            _total += bytes;
        }
    }

    /// <summary>The partition now holds <paramref name="bytes"/> (decoded); nothing when the reader already took it.</summary>
    public void Replace(int partition, long bytes)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(partition, out var before))
            {
                _held[partition] = bytes;
                _total += bytes - before;
            }
        }
    }

    public void Release(int partition)
    {
        lock (_lock)
        {
            if (_held.Remove(partition, out var bytes))
            {
                _total -= bytes;
            }
        }
    }
}
