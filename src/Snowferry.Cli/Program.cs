using System.CommandLine;
using System.Runtime.InteropServices;
using Snowferry.Cli;
using Snowferry.Cli.Commands;
using Snowferry.Output;

// Before any thread allocates: keeps the Parquet writer's freed native buffers from staying resident (see the type).
AllocatorTuning.LimitAllocatorRetention();
// The young generation is sized from the runtimeconfig's small limit by now; the working limit is larger (see the type).
HeapLimit.RaiseToWorkingLimit();

var root = new RootCommand("snowferry: hands a Snowflake table to a stakeholder's S3 bucket, blank rows dropped, aggregated by month.")
{
    TransferCommand.Create(),
    TransferCommand.Create(unloadAlias: true),
    PlanCommand.Create(),
    DoctorCommand.Create(),
    ServeCommand.Create(),
    DemoCommand.Create(),
    LocalSnowflakeCommand.Create(),
};
ExitCodesHelpAction.Install(root);

var parse = root.Parse(args);
// `snowferry transfer --help` must show help, not complain that the arguments --help made unnecessary are missing.
if (parse.Errors.Count > 0 && parse.Action is not ExitCodesHelpAction)
{
    // Usage mistakes get their own exit code, apart from failures of a transfer that was correctly asked for, and the
    // same one-line form as every other failure. System.CommandLine can report one mistake twice: say it once.
    var help = parse.CommandResult.Command == root ? "snowferry --help" : $"snowferry {parse.CommandResult.Command.Name} --help";
    foreach (var message in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
    {
        await Console.Error.WriteLineAsync($"snowferry: error: {message.TrimEnd('.')} (see '{help}').").ConfigureAwait(false);
    }

    return ExitCodes.Usage;
}

// Ctrl-C (SIGINT) and SIGTERM cancel the run through its token: the statement is cancelled in Snowflake and the upload
// aborted before the process exits with 130 / 143. A second signal ends the process at once.
using var cancel = new CancellationTokenSource();
var signalled = 0;
void OnSignal(PosixSignalContext context)
{
    var code = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Cancelled;
    if (Interlocked.CompareExchange(ref signalled, code, 0) == 0)
    {
        context.Cancel = true;
        cancel.Cancel();
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
var exit = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancel.Token).ConfigureAwait(false);
return exit == ExitCodes.Cancelled && Volatile.Read(ref signalled) != 0 ? Volatile.Read(ref signalled) : exit;
