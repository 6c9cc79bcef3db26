using System.Globalization;
using System.Text;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// Snowflake's result cache (persisted query results, <c>USE_CACHED_RESULT</c>): a query whose exact text, context and
/// result parameters match an earlier one's, over tables unchanged since, is answered with that stored result instead
/// of running. An entry shares the result's partition files (a lease of <see cref="ResultFiles"/>), lives
/// <see cref="LocalSnowflakeServerOptions.ResultLifetime"/> from its last use but at most <see cref="MaxAge"/> from when
/// it was stored (Snowflake resets the 24 h on each reuse, up to 31 days), and is dropped when a table it read changes.
/// Bounded by <see cref="LocalSnowflakeServerOptions.ResultCacheMaxEntries"/> and
/// <see cref="LocalSnowflakeServerOptions.ResultCacheMaxBytes"/>, least recently used first out.
/// </summary>
internal sealed class ResultCache : IDisposable
{
    /// <summary>Snowflake purges a persisted result 31 days after the query first ran, however often it was reused.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(31);

    private readonly Lock _lock = new();
    private readonly Dictionary<ResultCacheKey, Entry> _entries = [];

    // Most recently used first.
    private readonly LinkedList<Entry> _recency = new();
    private readonly LocalEngine _engine;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private long _bytes;
    private long _hits;
    private long _rowsServed;
    private long _stored;

    public ResultCache(LocalEngine engine, TimeProvider time, TimeSpan lifetime, int maxEntries, long maxBytes)
    {
        _engine = engine;
        _time = time;
        _lifetime = lifetime;
        _maxEntries = maxEntries;
        _maxBytes = maxBytes;
    }

    /// <summary>
    /// The key and the tables read (with their change numbers now) when <paramref name="plan"/> is a single statement
    /// whose result may be reused; null otherwise. Taken before the statement runs, so a change while it runs makes its
    /// result stale rather than cached as current. Sweeps first, as every statement comes here: a long-lived server lets
    /// go of expired and stale results' files as the statement registry does, on each submit.
    /// </summary>
    public ResultCacheCandidate? Candidate(StatementPlan plan)
    {
        lock (_lock)
        {
            Sweep(_time.GetUtcNow());
        }

        if (plan.IsMultiStatement || _engine.ReusableReads(plan.Statements[0], plan.Context) is not { } reads)
        {
            return null;
        }

        var context = _engine.Resolved(plan.Context);
        return new ResultCacheCandidate(
            new ResultCacheKey(plan.Text, context.Database, context.Schema, context.Role, Bindings(context.Bindings), plan.ResultParameters, plan.NullsAsText),
            reads);
    }

    /// <summary>
    /// The stored result for <paramref name="key"/>, with a lease the caller now holds (release it when done), when an
    /// entry exists, has not expired and its tables are unchanged; null otherwise.
    /// </summary>
    public StoredResult? TryLease(ResultCacheKey key)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            Sweep(now);
            if (!_entries.TryGetValue(key, out var entry) || !entry.Result.Files.TryAcquire())
            {
                return null;
            }

            entry.LastUsed = now;
            _recency.Remove(entry.Node);
            _recency.AddFirst(entry.Node);
            _hits++;
            _rowsServed += entry.Result.NumRows;
            return entry.Result;
        }
    }

    /// <summary>
    /// Keeps <paramref name="result"/> for <paramref name="candidate"/>'s key (replacing an older entry), with a lease of
    /// its own, unless a table it read changed meanwhile or it alone exceeds the byte bound.
    /// </summary>
    public void Add(ResultCacheCandidate candidate, StoredResult result)
    {
        var bytes = result.StoredBytes;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            Sweep(now);
            if (bytes > _maxBytes || !_engine.Unchanged(candidate.Reads) || !result.Files.TryAcquire())
            {
                return;
            }

            if (_entries.TryGetValue(candidate.Key, out var older))
            {
                Remove(older);
            }

            var entry = new Entry(candidate.Key, candidate.Reads, result, bytes, now);
            entry.Node = _recency.AddFirst(entry);
            _entries[candidate.Key] = entry;
            _bytes += bytes;
            _stored++;
            while (_entries.Count > _maxEntries || _bytes > _maxBytes)
            {
                Remove(_recency.Last!.Value);
            }
        }
    }

    /// <summary>
    /// Drops the entry for <paramref name="key"/> if it still holds <paramref name="result"/>: the statement that
    /// produced it was cancelled at the last moment, after <see cref="Add"/>.
    /// </summary>
    public void Withdraw(ResultCacheKey key, StoredResult result)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Result, result))
            {
                Remove(entry);
            }
        }
    }

    public LocalResultCacheStatistics Statistics
    {
        get
        {
            lock (_lock)
            {
                return new LocalResultCacheStatistics(_hits, _rowsServed, _stored, _entries.Count, _bytes);
            }
        }
    }

    /// <summary>Expired entries and entries whose tables changed let go of their files.</summary>
    private void Sweep(DateTimeOffset now)
    {
        for (var node = _recency.First; node is not null;)
        {
            var next = node.Next;
            var entry = node.Value;
            if (now - entry.LastUsed >= _lifetime || now - entry.StoredAt >= MaxAge || !_engine.Unchanged(entry.Reads))
            {
                Remove(entry);
            }

            node = next;
        }
    }

    private void Remove(Entry entry)
    {
        _entries.Remove(entry.Key);
        _recency.Remove(entry.Node);
        _bytes -= entry.Bytes;
        entry.Result.Files.Release();
    }

    /// <summary>Bindings as one unambiguous string (each type and value length-prefixed; a null value as -1).</summary>
    private static string Bindings(IReadOnlyList<EngineBinding>? bindings)
    {
        if (bindings is not { Count: > 0 })
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var binding in bindings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{binding.Type.Length}:{binding.Type}{binding.Value?.Length ?? -1}:{binding.Value};");
        }

        return text.ToString();
    }

    /// <summary>Lets go of every entry's lease (the server is stopping; its folder goes next).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            while (_recency.First is { } first)
            {
                Remove(first.Value);
            }
        }
    }

    private sealed class Entry(ResultCacheKey key, TableReads reads, StoredResult result, long bytes, DateTimeOffset storedAt)
    {
        public ResultCacheKey Key { get; } = key;

        public TableReads Reads { get; } = reads;

        public StoredResult Result { get; } = result;

        public long Bytes { get; } = bytes;

        public DateTimeOffset StoredAt { get; } = storedAt;

        public DateTimeOffset LastUsed { get; set; } = storedAt;

        public LinkedListNode<Entry> Node { get; set; } = null!;
    }
}

/// <summary>
/// What a reused result must match: the request's exact statement text, the context it runs in (database, schema and
/// role, defaults filled in; not the warehouse: a result does not depend on which one runs it), bindings, the parameters
/// that format values, and <c>nullable=false</c> (stored as written).
/// </summary>
internal sealed record ResultCacheKey(
    string Statement, string? Database, string? Schema, string? Role, string Bindings, string ResultParameters, bool NullsAsText);

/// <summary>A statement whose result may be reused: its key and the tables it reads as they were before it ran.</summary>
internal sealed record ResultCacheCandidate(ResultCacheKey Key, TableReads Reads);
