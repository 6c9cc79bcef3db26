using Microsoft.Extensions.Logging;

namespace Snowferry.Cli.Commands;

/// <summary>
/// The library's log, reduced to the path a transfer took and why (events 1306 and 1307), shown on stderr
/// as it is chosen, before a long unload or stream starts. Every other line is dropped: stderr is for progress. With
/// --quiet only the warning that auto could not unload is shown.
/// </summary>
internal sealed class ModeLines(ProgressReporter progress, bool quiet) : ILoggerFactory, ILogger
{
    private const int ModeChosen = 1306;
    private const int AutoCannotUnload = 1307;

    public ILogger CreateLogger(string categoryName) => this;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= (quiet ? LogLevel.Warning : LogLevel.Information);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel) && eventId.Id is ModeChosen or AutoCannotUnload)
        {
            progress.Note((logLevel >= LogLevel.Warning ? "warning: " : "") + CommandErrors.InFlags(formatter(state, exception)));
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
