namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// Shared ownership of one stored result's partition files. The statement that stored it holds the first lease; every
/// statement answered from the result cache and the cache entry itself take one more. The last release deletes the
/// files, so a result outlives its first statement's expiry while a cache entry or a later statement still serves it.
/// A download already streaming a file keeps its open handle (files are opened with <see cref="FileShare.Delete"/>).
/// </summary>
internal sealed class ResultFiles
{
    private readonly IReadOnlyList<string> _paths;
    private int _leases = 1;

    /// <summary>Files held by the one lease of their creator.</summary>
    public ResultFiles(IReadOnlyList<string> paths)
    {
        _paths = paths;
    }

    /// <summary>True once every lease is released and the files are gone.</summary>
    public bool IsDeleted => Volatile.Read(ref _leases) == 0;

    /// <summary>One more holder; false when the files are already deleted (nothing to hold).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _leases);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _leases, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives up one lease; the last deletes the files.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _leases);
        if (left == 0)
        {
            foreach (var path in _paths)
            {
                ResultStore.DeleteQuietly(path);
            }
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A result's files were released more often than they were acquired.");
        }
    }
}
