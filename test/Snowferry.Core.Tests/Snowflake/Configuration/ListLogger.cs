using Microsoft.Extensions.Logging;

namespace Snowferry.Tests.Snowflake.Configuration;

/// <summary>Keeps every formatted log line, to check what is (and is not) logged.</summary>
internal sealed class ListLogger : ILogger
{
    public List<(EventId Id, LogLevel Level, string Message)> Entries { get; } = [];

    public string AllText => string.Join('\n', Entries.Select(e => e.Message));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((eventId, logLevel, formatter(state, exception)));
}
