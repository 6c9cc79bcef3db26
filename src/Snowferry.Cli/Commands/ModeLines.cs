using Microsoft.Extensions.Logging;

namespace Snowferry.Cli.Commands;

/// <summary>
/// The library's log, reduced to the plan's warnings (event 1310, e.g. an identifier the defaults sum) and the path a
/// transfer took and why (events 1306 and 1307), shown on stderr as they happen, before a long unload or stream starts.
/// Every other line is dropped: stderr is for progress. With --quiet only the warning that auto could not unload is
/// shown: a plan warning may be about a sum the caller means (a scheduled run would repeat it every time), and --quiet
/// is the way to silence it, whereas the mode changes what the run does.
/// </summary>
internal sealed class ModeLines(ProgressReporter progress, bool quiet) : ILoggerFactory, ILogger
{
    private const int ModeChosen = 1306;
    private const int AutoCannotUnload = 1307;
    private const int PlanWarned = 1310;

    public ILogger CreateLogger(string categoryName) => this;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= (quiet ? LogLevel.Warning : LogLevel.Information);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel) && (eventId.Id is ModeChosen or AutoCannotUnload || (eventId.Id == PlanWarned && !quiet)))
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
