using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Snowferry.Tests;

/// <summary>
/// An <see cref="ILoggerFactory"/> that records everything at Trace: each message as formatted, every structured
/// property of its state, its scopes and its exception's <c>ToString()</c>, so a test can search all of it.
/// </summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public string All => string.Join('\n', Entries);

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
        ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
        : state?.ToString() ?? "";

    private sealed class Recorder(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Entries.Enqueue($"{category} scope {Describe(state)}");
            return new Scope();
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Entries.Enqueue($"{category} {logLevel} {eventId} {formatter(state, exception)} | {Describe(state)} | {exception}");
        }
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
