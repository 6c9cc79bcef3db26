using System.Globalization;
using Snowferry.Transfer;
using Spectre.Console;

namespace Snowferry.Cli.Commands;

/// <summary>
/// Shows a transfer's progress on stderr: a live line when stderr is a terminal, plain timestamped lines every few
/// seconds (and at each phase change) when it is not, so logs of scheduled runs stay readable. stdout stays clean for JSON.
/// </summary>
internal sealed class ProgressReporter : IProgress<TransferProgress>, IAsyncDisposable
{
    private static readonly TimeSpan s_plainInterval = TimeSpan.FromSeconds(5);

    private readonly IAnsiConsole _console;
    private readonly bool _live;
    private readonly string _table;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly bool _quiet;
    private TransferProgress? _latest;
    private TransferPhase? _lastPrintedPhase;
    private TimeSpan _lastPrinted;

    public ProgressReporter(string table, bool quiet)
    {
        _table = table;
        _quiet = quiet;
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        _live = !quiet && !Console.IsErrorRedirected && _console.Profile.Capabilities.Interactive;
        _loop = quiet ? Task.CompletedTask : _live ? LiveAsync(_stop.Token) : Task.CompletedTask;
    }

    public void Report(TransferProgress value)
    {
        _latest = value;
        if (_live || _quiet)
        {
            return;
        }

        if (value.Phase != _lastPrintedPhase || value.Elapsed - _lastPrinted >= s_plainInterval)
        {
            _lastPrintedPhase = value.Phase;
            _lastPrinted = value.Elapsed;
            Console.Error.WriteLine($"snowferry: {_table}: {Describe(value)}");
        }
    }

    /// <summary>A line for people (e.g. the path a transfer took), above the live line on a terminal.</summary>
    public void Note(string line)
    {
        if (_live)
        {
            _console.MarkupLine(Markup.Escape($"snowferry: {line}"));
        }
        else
        {
            Console.Error.WriteLine($"snowferry: {line}");
        }
    }

    private async Task LiveAsync(CancellationToken cancellationToken)
    {
        await _console.Status().Spinner(Spinner.Known.Dots).StartAsync($"{_table}: starting", async context =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_latest is { } latest)
                {
                    context.Status(Markup.Escape($"{_table}: {Describe(latest)}"));
                }

                try
                {
                    await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }).ConfigureAwait(false);
    }

    internal static string Describe(TransferProgress p)
    {
        var seconds = Math.Max(p.Elapsed.TotalSeconds, 0.001);
        var rows = p.ExpectedRows is { } expected and > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{p.RowsWritten:N0} of {expected:N0} rows ({100.0 * p.RowsWritten / expected:F0}%)")
            : string.Create(CultureInfo.InvariantCulture, $"{p.RowsWritten:N0} rows");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{p.Phase.ToString().ToLowerInvariant()}, {rows}, {Bytes(p.BytesWritten)}, {p.Elapsed:hh\\:mm\\:ss}, {p.RowsWritten / seconds:N0} rows/s");
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024:F1} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024 / 1024:F2} GiB"),
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
