using System.Collections.Concurrent;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// Every statement this server has run, by handle, and the latest by <c>requestId</c> (for <c>retry=true</c>).
/// Results expire after <see cref="LocalSnowflakeServerOptions.ResultLifetime"/>: their files are deleted and the
/// handle answers "expired" from then on.
/// </summary>
internal sealed class StatementRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, StatementRun> _byHandle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StatementRun> _byRequestId = new(StringComparer.Ordinal);
    private readonly Lock _requestLock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public StatementRegistry(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        _lifetime = lifetime;
    }

    public IEnumerable<StatementRun> All => _byHandle.Values;

    /// <summary>
    /// With <paramref name="retry"/> and a <paramref name="requestId"/> seen before, the original run (never a new one:
    /// that is the idempotency <c>retry=true</c> promises); otherwise a new run from <paramref name="create"/>, which
    /// becomes the one the request id names (a duplicate id without <c>retry=true</c> runs again, as in Snowflake).
    /// </summary>
    public (StatementRun Run, bool IsRetry) Submit(string? requestId, bool retry, Func<StatementRun> create)
    {
        Sweep();
        if (requestId is null)
        {
            return (Add(create()), false);
        }

        lock (_requestLock)
        {
            if (retry && _byRequestId.TryGetValue(requestId, out var original))
            {
                return (original, true);
            }

            var run = Add(create());
            _byRequestId[requestId] = run;
            return (run, false);
        }
    }

    public StatementRun Add(StatementRun run)
    {
        _byHandle[run.Handle] = run;
        return run;
    }

    public StatementRun? Find(string handle)
    {
        if (!_byHandle.TryGetValue(handle, out var run))
        {
            return null;
        }

        run.TryExpire(_time.GetUtcNow(), _lifetime);
        return run;
    }

    /// <summary>Expires old results; runs on every submit, so a long-lived server's disk use stays bounded by the lifetime.</summary>
    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var run in _byHandle.Values)
        {
            run.TryExpire(now, _lifetime);
        }
    }

    public void Dispose()
    {
        foreach (var run in _byHandle.Values)
        {
            run.Dispose();
        }
    }
}
