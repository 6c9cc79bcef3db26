using Snowferry.Transfer;

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

    // The library's messages name its options (TransferOptions.KeyTemplate); a user of the command line knows the flags.
    // Longer phrases first: a sentence's fix reads as a flag to drop or give.
    private static readonly (string Library, string Cli)[] s_flags =
    [
        ("set TransferPlanOptions.MonthColumns or TransferPlanOptions.EpochColumns", "pass --month-column or --epoch-column"),
        ("Set TransferPlanOptions.MonthColumns or TransferPlanOptions.EpochColumns", "Pass --month-column or --epoch-column"),
        ("set TransferOptions.Mode to Stream", "use --mode stream"),
        ("set TransferOptions.Mode to Unload", "use --mode unload"),
        ("TransferOptions.Mode Unload and Auto", "--mode unload and auto"),
        ("set TransferOptions.Overwrite", "use --overwrite"),
        ("set TransferOptions.Format to parquet or csv", "use --format parquet or csv"),
        ("leave TransferOptions.Compression at its default", "drop --compression"),
        ("leave TransferOptions.KeyTemplate unset", "drop --key"),
        ("leave TransferOptions.Verify off", "drop --verify"),
        ("leave TransferOptions.WriteManifest on", "drop --no-manifest"),
        ("The read-back (TransferOptions.Verify)", "--verify's read-back"),
        ("TransferOptions.Format = \"csv\"", "--format csv"),
        ("TransferOptions.StorageIntegration", "--storage-integration or " + TransferOptions.StorageIntegrationVariable),
        ("TransferOptions.KeyTemplate", "--key"),
        ("TransferOptions.Verify", "--verify"),
        ("TransferOptions.Overwrite", "--overwrite"),
        ("TransferPlanOptions.MonthColumns", "--month-column"),
        ("TransferPlanOptions.DropColumns", "--drop-column"),
        ("TransferPlanOptions.KeyColumns", "--key-column"),
        ("TransferPlanOptions.KeepColumns", "--keep-column"),
        ("TransferPlanOptions.EpochColumns", "--epoch-column"),
        ("TransferPlanOptions.EpochUnit", "--epoch-unit"),
        ("TransferOptions.PartSize", "--part-size-mb"),
        ("TransferOptions.KeyPrefix", "--prefix"),
        ("TransferOptions.UnloadMaxFileSize", "--max-file-size-mb"),
        ("TransferOptions.StatementTimeout", "--statement-timeout"),
        ("TransferOptions.Compression", "--compression"),
        ("SnowferryDataSourceBuilder.UseS3Endpoint", "--s3-endpoint-url"),
        ("SnowferryDataSourceBuilder.UseS3Region", "--region"),
    ];

    /// <summary>A library message with its option names replaced by the flags that set them.</summary>
    public static string InFlags(string message)
    {
        foreach (var (library, cli) in s_flags)
        {
            message = message.Replace(library, cli, StringComparison.Ordinal);
        }

        return message;
    }

    // ArgumentException appends "(Parameter 'x')", which means nothing to a user of the command line.
    private static string Message(Exception ex) => InFlags(ex is ArgumentException { ParamName: { } name } argument
        ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
        : ex.Message);
}
