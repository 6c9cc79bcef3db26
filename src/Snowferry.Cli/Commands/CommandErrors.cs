namespace Snowferry.Cli.Commands;

/// <summary>Turns a failure into one line on stderr that says what is wrong and what to do, and a distinct exit code.</summary>
internal static class CommandErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> action, bool debug)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (OutOfMemoryException ex)
        {
            // The CLI runs under a managed-heap limit (HeapLimit): name it and how to raise it. An object is published
            // only once complete, and the upload in progress was aborted on the way out, as for any failure.
            var limitMiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
            await Console.Error.WriteLineAsync(
                $"snowferry: error: out of memory: the run needed more than the {limitMiB} MiB managed-heap limit and stopped; an upload in progress was aborted. " +
                "Raise the limit with DOTNET_GCHeapHardLimit (bytes in hex, e.g. 0x40000000 for 1 GiB) if the machine has the memory.").ConfigureAwait(false);
            if (debug)
            {
                await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.Unexpected;
        }
        catch (Exception ex)
        {
            var cancelled = ex is OperationCanceledException;
            await Console.Error.WriteLineAsync(cancelled
                ? "snowferry: cancelled; the statement was cancelled and nothing was written."
                : $"snowferry: error: {Message(ex)}").ConfigureAwait(false);
            if (debug)
            {
                await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }
            else if (ExitCodes.For(ex) == ExitCodes.Unexpected)
            {
                await Console.Error.WriteLineAsync("Run again with --debug for details.").ConfigureAwait(false);
            }

            return ExitCodes.For(ex);
        }
    }

    // ArgumentException appends "(Parameter 'x')", which means nothing to a user of the command line.
    private static string Message(Exception ex) => ex is ArgumentException { ParamName: { } name } argument
        ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
        : ex.Message;
}
