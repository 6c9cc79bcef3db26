using Microsoft.Extensions.Logging;
using Snowferry.Destinations;
using Snowferry.Internal;
using Snowferry.Manifest;
using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;

namespace Snowferry.Transfer;

/// <summary>What the pipeline and both strategies share for one transfer: the Snowflake client, the clock and the loggers.</summary>
internal sealed record TransferContext(SnowflakeClient Client, SnowflakeConnectionSettings Settings, TimeProvider Time, ILoggerFactory Loggers)
{
    /// <summary>The pipeline's logger (category <c>Snowferry.Transfer</c>).</summary>
    public ILogger Logger { get; } = Loggers.CreateLogger("Snowferry.Transfer");

    public static SnowflakeStatementOptions StatementOptions(TransferRun run, string tag = TransferRun.StreamQueryTag) =>
        new() { QueryTag = tag, Timeout = run.StatementTimeout };

    /// <summary>The source's rows (<c>COUNT(*)</c>): COPY INTO and the aggregation report only the rows they wrote.</summary>
    public async Task<long> CountRowsAsync(TransferRun run, TransferPlan plan, CancellationToken cancellationToken)
    {
        var count = await Client.ExecuteAsync(plan.CountSql, StatementOptions(run), cancellationToken).ConfigureAwait(false);
        await foreach (var batch in count.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (batch.RowCount > 0)
            {
                return batch.GetValue<long>(0, 0);
            }
        }

        throw new TransferIntegrityException($"Counting the rows of {plan.Table} returned no row.");
    }
}

/// <summary>The steps both strategies take the same way: the last look before a commit, the manifest, the report's columns.</summary>
internal static class TransferSteps
{
    /// <summary>Check-then-write, for stores without conditional writes: look again just before publishing.</summary>
    public static async Task CheckBeforeCommitAsync(ITransferDestination destination, string key, DestinationUploadOptions upload, CancellationToken cancellationToken)
    {
        if (upload.CheckBeforeCommit && await destination.ExistsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            throw new DestinationExistsException(destination.DescribeLocation(key));
        }
    }

    /// <summary>
    /// Writes the manifest at <paramref name="key"/> through the destination, as the data is written: all or nothing,
    /// SHA-256 checked, under the same overwrite guard. Only once the data is committed, so its presence means complete.
    /// </summary>
    /// <param name="destination">Where the data went.</param>
    /// <param name="key">The manifest's key.</param>
    /// <param name="manifest">The manifest.</param>
    /// <param name="upload">The data's upload options: the manifest takes their guard.</param>
    /// <param name="what">What was committed, for the error (e.g. the data file's location).</param>
    /// <param name="fix">What to do when the manifest could not be written.</param>
    /// <param name="context">The transfer's context.</param>
    /// <param name="cancellationToken">Aborts the write.</param>
    public static async Task WriteManifestAsync(
        ITransferDestination destination,
        string key,
        TransferManifest manifest,
        DestinationUploadOptions upload,
        string what,
        string fix,
        TransferContext context,
        CancellationToken cancellationToken)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(manifest.ToJson());
        var options = upload with { ContentType = "application/json" };
        try
        {
            var writing = await destination.BeginUploadAsync(key, options, cancellationToken).ConfigureAwait(false);
            await using (writing.ConfigureAwait(false))
            {
                await writing.Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await CheckBeforeCommitAsync(destination, key, options, cancellationToken).ConfigureAwait(false);
                await writing.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DestinationException e)
        {
            throw new DestinationException(
                e.Kind,
                $"{what} was committed but its manifest could not be written ({e.Message}); without the manifest it must not be taken as complete. {fix}",
                e,
                e.IsTransient);
        }

        var location = destination.DescribeLocation(key);
        Log.ManifestWritten(context.Logger, location);
    }

    /// <summary>The manifest of a report: the same fields whichever strategy ran.</summary>
    public static TransferManifest Manifest(TransferReport report, TransferPlan plan, IReadOnlyList<TransferManifestFile> files) => new()
    {
        Mode = report.Mode == Unload.TransferMode.Unload ? "unload" : "stream",
        SourceTable = report.SourceTable,
        QueryId = report.QueryId,
        Format = report.Format,
        Columns = report.Columns.Select(c => new TransferManifestColumn(c.Name, c.Role, c.OutputType)).ToList(),
        Schema = plan.OutputSchema.Select(c => new TransferManifestField(c.Name, c.TypeName)).ToList(),
        Files = files,
        SourceRows = report.SourceRows,
        BlankRowsDropped = report.BlankRowsDropped,
        OutputRows = report.OutputRows,
        Bytes = report.Bytes,
        OverwriteGuard = report.OverwriteGuard,
        SnowferryVersion = report.SnowferryVersion,
        StartedAt = report.StartedAt,
        CommittedAt = report.Timestamp,
    };

    public static List<TransferReportColumn> ReportColumns(TransferPlan plan) =>
        plan.Columns.Select(c => new TransferReportColumn(
            c.Source.Name, c.Role.ToString().ToLowerInvariant(), c.Output?.TypeName)).ToList();
}
