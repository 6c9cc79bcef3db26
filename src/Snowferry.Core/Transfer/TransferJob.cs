using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Destinations;
using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Unload;

namespace Snowferry.Transfer;

/// <summary>
/// One table to one file: plans, runs the plan's single statement in Snowflake, streams the result partition by partition
/// through the writer into the destination's upload, and commits it only when every row is written. Anything that fails
/// or is cancelled on the way leaves no object (the upload aborts) and cancels the statement.
/// </summary>
public sealed partial class TransferJob
{
    private readonly SnowflakeClient _client;
    private readonly SnowflakeConnectionSettings _connection;
    private readonly ITransferDestination _destination;
    private readonly string _destinationPrefix;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the job over a client, the connection it uses, and a destination (with the prefix its address named).</summary>
    public TransferJob(
        SnowflakeClient client,
        SnowflakeConnectionSettings connection,
        ITransferDestination destination,
        string destinationPrefix = "",
        TimeProvider? timeProvider = null,
        ILogger<TransferJob>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(destinationPrefix);
        _client = client;
        _connection = connection;
        _destination = destination;
        _destinationPrefix = destinationPrefix;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Reads the table's columns and plans the transfer, moving no data.</summary>
    public Task<TransferPlan> PlanAsync(string sourceTable, TransferPlanOptions? options, CancellationToken cancellationToken) =>
        TransferPlanner.PlanAsync(_client, _connection, sourceTable, options, cancellationToken);

    /// <summary>Plans with the transfer's column roles and statement timeout.</summary>
    internal Task<TransferPlan> PlanAsync(string sourceTable, TransferOptions options, CancellationToken cancellationToken) =>
        TransferPlanner.PlanAsync(_client, _connection, sourceTable, options.Plan, options.StatementTimeout, cancellationToken);

    /// <summary>Runs the transfer and reports what it wrote.</summary>
    /// <exception cref="ArgumentException"><see cref="TransferOptions.Mode"/> is not stream (<see cref="SnowferryTransfer"/> runs the others).</exception>
    /// <exception cref="PlanException">The table or the options are wrong.</exception>
    /// <exception cref="SnowflakeException">Snowflake refused or failed a statement.</exception>
    /// <exception cref="DestinationException">The file could not be written; nothing was left behind.</exception>
    public async Task<TransferReport> RunAsync(string sourceTable, TransferOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        CheckStreamed(options);
        var started = _time.GetTimestamp();
        Describe(options); // a wrong format or compression fails before Snowflake is asked anything
        Report(options, TransferPhase.Planning, 0, null, 0, started);
        var plan = await PlanAsync(sourceTable, options, cancellationToken).ConfigureAwait(false);
        return await RunAsync(plan, options, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the transfer of a plan made by <see cref="PlanAsync(string, TransferPlanOptions?, CancellationToken)"/> (<see cref="TransferOptions.Plan"/> is not read).</summary>
    /// <exception cref="ArgumentException"><see cref="TransferOptions.Mode"/> is not stream (<see cref="SnowferryTransfer"/> runs the others).</exception>
    /// <exception cref="SnowflakeException">Snowflake refused or failed a statement.</exception>
    /// <exception cref="DestinationException">The file could not be written; nothing was left behind.</exception>
    public Task<TransferReport> RunAsync(TransferPlan plan, TransferOptions options, CancellationToken cancellationToken)
    {
        CheckStreamed(options);
        return RunAsync(plan, options, _time.GetTimestamp(), cancellationToken);
    }

    /// <summary>The transfer, for callers that chose to stream (the mode is not checked).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="options">The options.</param>
    /// <param name="started">When the run began (planning included), for the durations and progress.</param>
    /// <param name="cancellationToken">Cancels the statement and aborts the upload.</param>
    internal async Task<TransferReport> RunAsync(TransferPlan plan, TransferOptions options, long started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var (format, writerOptions, file) = Describe(options);
        var planned = _time.GetTimestamp();
        var tableText = plan.Table.ToString();
        TransferLog.Planned(_logger, tableText, plan.OutputSchema.Count);

        var startedAt = _time.GetUtcNow();
        var key = CreateKey(plan, options, file, startedAt);
        var guard = options.Overwrite ? TransferOverwriteGuards.Overwrite
            : options.ConditionalWrite ? TransferOverwriteGuards.ConditionalWrite
            : TransferOverwriteGuards.CheckThenWrite;
        var overwrote = false;
        if (await ExistsAsync(key, options, cancellationToken).ConfigureAwait(false))
        {
            // Checked before Snowflake does any work, for an early, friendly error; the upload refuses atomically too.
            overwrote = options.Overwrite
                ? true
                : throw new DestinationExistsException(_destination.DescribeLocation(key));
        }

        Report(options, TransferPhase.Querying, 0, null, 0, started);
        var totalRows = await CountRowsAsync(plan, options.StatementTimeout, cancellationToken).ConfigureAwait(false);
        var result = await _client.ExecuteAsync(plan.Sql, StatementOptions(options.StatementTimeout), cancellationToken)
            .ConfigureAwait(false);
        var queried = _time.GetTimestamp();
        TransferLog.Queried(_logger, result.StatementHandle, result.RowCount, result.Partitions.Count);

        var (commit, rowsWritten, keptSourceRows) = await WriteAsync(plan, result, format, writerOptions, file, key, options, started, cancellationToken)
            .ConfigureAwait(false);
        var checksumVerified = commit.StoreChecksumConfirmed;
        if (options.Verify)
        {
            await VerifyAsync(commit, format, writerOptions, rowsWritten, cancellationToken).ConfigureAwait(false);
            checksumVerified = true;
        }

        var report = new TransferReport
        {
            SourceTable = tableText,
            FileName = commit.Key,
            Uri = commit.Location,
            Format = format.Name,
            OutputRows = rowsWritten,
            SourceRows = totalRows,
            BlankRowsDropped = Math.Max(0, totalRows - keptSourceRows),
            Bytes = commit.Bytes,
            Checksum = "sha256:" + commit.Sha256,
            StoreChecksum = commit.StoreChecksum,
            ChecksumVerified = checksumVerified,
            Verified = options.Verify,
            OverwriteGuard = guard,
            QueryId = result.StatementHandle,
            Columns = ReportColumns(plan),
            Timestamp = commit.CommittedAt,
            StartedAt = startedAt,
            Overwrote = overwrote,
        };
        if (options.WriteManifest)
        {
            report = report with
            {
                ManifestFileName = await WriteManifestAsync(report, plan, commit, options, cancellationToken).ConfigureAwait(false),
            };
        }

        var finished = _time.GetTimestamp();
        Report(options, TransferPhase.Done, rowsWritten, result.RowCount, commit.Bytes, started);
        return report with
        {
            PlanDuration = _time.GetElapsedTime(started, planned),
            QueryDuration = _time.GetElapsedTime(planned, queried),
            WriteDuration = _time.GetElapsedTime(queried, finished),
            TotalDuration = _time.GetElapsedTime(started, finished),
        };
    }

    private async Task<(DestinationCommit Commit, long Rows, long KeptSourceRows)> WriteAsync(
        TransferPlan plan,
        SnowflakeResult result,
        IOutputFormat format,
        OutputWriterOptions writerOptions,
        OutputFileType file,
        string key,
        TransferOptions options,
        long started,
        CancellationToken cancellationToken)
    {
        var upload = await _destination.BeginUploadAsync(
            key,
            new DestinationUploadOptions
            {
                ContentType = file.ContentType,
                Overwrite = options.Overwrite,
                ConditionalWrite = options.ConditionalWrite,
                PartSize = options.PartSize,
            },
            cancellationToken).ConfigureAwait(false);
        await using (upload.ConfigureAwait(false))
        {
            var writer = format.CreateWriter(plan.OutputSchema, upload.Stream, writerOptions);
            long keptSourceRows = 0;
            await using (writer.ConfigureAwait(false))
            {
                await foreach (var batch in result.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
                {
                    await writer.WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                    for (var row = 0; row < batch.RowCount; row++)
                    {
                        keptSourceRows += batch.GetValue<long>(row, plan.SourceRowsOrdinal);
                    }

                    Report(options, TransferPhase.Writing, writer.RowsWritten, result.RowCount, upload.BytesWritten, started);
                }

                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            if (writer.RowsWritten != result.RowCount)
            {
                // Never commit a file that disagrees with what Snowflake said it returned.
                throw new TransferIntegrityException(
                    $"Snowflake reported {result.RowCount} rows for statement {result.StatementHandle} but {writer.RowsWritten} were written; nothing was committed.");
            }

            Report(options, TransferPhase.Committing, writer.RowsWritten, result.RowCount, upload.BytesWritten, started);
            await CheckBeforeCommitAsync(key, options, cancellationToken).ConfigureAwait(false);
            var commit = await upload.CommitAsync(cancellationToken).ConfigureAwait(false);
            TransferLog.Committed(_logger, commit.Location, commit.Bytes, writer.RowsWritten);
            return (commit, writer.RowsWritten, keptSourceRows);
        }
    }

    internal async Task<long> CountRowsAsync(TransferPlan plan, TimeSpan statementTimeout, CancellationToken cancellationToken)
    {
        var count = await _client.ExecuteAsync(plan.CountSql, StatementOptions(statementTimeout), cancellationToken)
            .ConfigureAwait(false);
        await foreach (var batch in count.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (batch.RowCount > 0)
            {
                return batch.GetValue<long>(0, 0);
            }
        }

        throw new TransferIntegrityException($"Counting the rows of {plan.Table} returned no row.");
    }

    private static SnowflakeStatementOptions StatementOptions(TimeSpan statementTimeout) => new() { QueryTag = "snowferry", Timeout = statementTimeout };

    /// <summary>
    /// The early "already exists" check. Without s3:ListBucket, S3 answers a HEAD on a missing key with 403; the conditional
    /// write still guards the key, so the check is skipped then, as the S3 upload itself does, rather than refusing a
    /// bucket the transfer may write to.
    /// </summary>
    private async Task<bool> ExistsAsync(string key, TransferOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await _destination.ExistsAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (DestinationException e) when (e.Kind == DestinationErrorKind.AccessDenied && options.ConditionalWrite && !options.Overwrite)
        {
            var location = _destination.DescribeLocation(key);
            TransferLog.ExistenceCheckDenied(_logger, location);
            return false;
        }
    }

    private static (IOutputFormat Format, OutputWriterOptions Writer, OutputFileType File) Describe(TransferOptions options)
    {
        var format = OutputFormats.Find(options.Format);
        var writer = options.Writer with { Compression = options.Compression };
        return (format, writer, format.DescribeFile(writer));
    }

    // A job that silently streamed when asked to unload would hand a terabyte to one machine.
    private static void CheckStreamed(TransferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mode != TransferMode.Stream)
        {
            throw new ArgumentException(
                $"TransferJob streams; mode {options.Mode.ToString().ToLowerInvariant()} is run by SnowferryTransfer.TransferAsync (or UnloadJob).", nameof(options));
        }
    }

    private void Report(TransferOptions options, TransferPhase phase, long rows, long? expected, long bytes, long started) =>
        options.Progress?.Report(new TransferProgress(phase, rows, expected, bytes, _time.GetElapsedTime(started)));

    /// <summary>A table name as one key segment: slashes would make folders of it.</summary>
    private static string KeySegment(string table) => table.Replace('/', '_').Replace('\\', '_');

    internal static List<TransferReportColumn> ReportColumns(TransferPlan plan) =>
        plan.Columns.Select(c => new TransferReportColumn(
            c.Source.Name, c.Role.ToString().ToLowerInvariant(), c.Output is null ? null : TypeName(c.Output))).ToList();

    internal static string TypeName(OutputColumn column) => column.Type switch
    {
        SnowflakeType.Fixed => $"NUMBER({column.Precision ?? 38},{column.Scale ?? 0})",
        SnowflakeType.Real => "FLOAT",
        SnowflakeType.Text => "VARCHAR",
        SnowflakeType.TimestampNtz => "TIMESTAMP_NTZ",
        SnowflakeType.TimestampLtz => "TIMESTAMP_LTZ",
        SnowflakeType.TimestampTz => "TIMESTAMP_TZ",
        _ => column.Type.ToString().ToUpperInvariant(),
    };
}
