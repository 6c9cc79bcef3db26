using Snowferry.Destinations;
using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Transfer;
using Snowferry.Unload;

namespace Snowferry.Cli.Commands;

/// <summary>The CLI's exit codes, one per kind of failure, so scripts can tell them apart (documented in the README).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Unexpected = 1;
    public const int Usage = 2;
    public const int Configuration = 3;
    public const int Source = 4;
    public const int Plan = 5;
    public const int Destination = 6;
    public const int Integrity = 7;
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM (128 + 15), after cancelling the statement and aborting the upload.</summary>
    public const int Terminated = 143;

    public static int For(Exception exception) => exception switch
    {
        SnowflakeConfigurationException => Configuration,
        PlanException => Plan,
        SnowflakeException or SnowflakeDataException => Source,
        DestinationException => Destination,
        TransferIntegrityException or OutputDataException or UnloadIntegrityException => Integrity,
        // Refused before any data moved, for want of a storage integration (or a format that can hold a column).
        UnloadException => Configuration,
        OperationCanceledException => Cancelled,
        ArgumentException => Usage,
        _ => Unexpected,
    };
}
