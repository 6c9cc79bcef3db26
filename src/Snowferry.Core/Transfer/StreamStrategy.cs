using Snowferry.Destinations;
using Snowferry.Internal;
using Snowferry.Manifest;
using Snowferry.Planning;
using Snowferry.Snowflake.Client;

namespace Snowferry.Transfer;

/// <summary>
/// The streamed path: one table to one file. Opens the upload (which refuses an existing object before Snowflake does
/// any work), runs the plan's statement, streams the result partition by partition through the writer into the
/// upload, and commits it only when every row is written. Anything that fails or is cancelled on the way leaves no
/// object (the upload aborts) and cancels the statement.
/// </summary>
internal sealed class StreamStrategy(TransferContext context, ITransferDestination destination)
{
    public async Task<TransferReport> RunAsync(TransferRun run, TransferPlan plan, TransferProgressReporter progress, CancellationToken cancellationToken)
    {
        var time = context.Time;
        var started = progress.Started;
        var planned = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        var key = CreateKey(run, plan, startedAt);
        // Only an overwrite needs to know beforehand (for the report); otherwise the upload's own check refuses the key.
        var overwrote = run.Upload.Overwrite && await destination.ExistsAsync(key, cancellationToken).ConfigureAwait(false);
        var upload = await destination.BeginUploadAsync(key, run.Upload, cancellationToken).ConfigureAwait(false);
        DestinationCommit commit;
        long rowsWritten, keptSourceRows, totalRows, queried;
        SnowflakeResult result;
        await using (upload.ConfigureAwait(false))
        {
            progress.UploadStarted(destination.DescribeLocation(key));
            progress.Report(TransferPhase.Querying, 0, null, 0);
            totalRows = await context.CountRowsAsync(run, plan, cancellationToken).ConfigureAwait(false);
            var statement = TransferContext.StatementOptions(run) with { OnAccepted = progress.StatementAccepted };
            result = await context.Client.ExecuteAsync(plan.Sql, statement, cancellationToken).ConfigureAwait(false);
            queried = time.GetTimestamp();
            Log.Queried(context.Logger, result.StatementHandle, result.RowCount, result.Partitions.Count);
            (commit, rowsWritten, keptSourceRows) = await WriteAsync(run, plan, result, upload, key, progress, cancellationToken).ConfigureAwait(false);
        }

        // The commit is the point of no return: the object is delivered, so a cancel from here on would report as failed
        // a transfer that succeeded. The read-back and the manifest run to the end (a second Ctrl-C ends the process).
        cancellationToken = CancellationToken.None;
        var checksumVerified = commit.StoreChecksumConfirmed;
        if (run.Verify)
        {
            await VerifyAsync(run, commit, rowsWritten, cancellationToken).ConfigureAwait(false);
            checksumVerified = true;
        }

        var report = new TransferReport
        {
            SourceTable = plan.Table.ToString(),
            FileName = commit.Key,
            Uri = commit.Location,
            Format = run.Format.Name,
            OutputRows = rowsWritten,
            SourceRows = totalRows,
            BlankRowsDropped = Math.Max(0, totalRows - keptSourceRows),
            Bytes = commit.Bytes,
            Checksum = "sha256:" + commit.Sha256,
            StoreChecksum = commit.StoreChecksum,
            ChecksumVerified = checksumVerified,
            Verified = run.Verify,
            OverwriteGuard = run.OverwriteGuard,
            QueryId = result.StatementHandle,
            Columns = TransferSteps.ReportColumns(plan),
            Timestamp = commit.CommittedAt,
            StartedAt = startedAt,
            Overwrote = overwrote,
        };
        if (run.WriteManifest)
        {
            var manifestKey = commit.Key + TransferManifest.KeySuffix;
            var file = new TransferManifestFile(commit.Key, commit.Location, commit.Bytes, rowsWritten, report.Checksum, commit.StoreChecksum);
            await TransferSteps.WriteManifestAsync(
                destination,
                manifestKey,
                TransferSteps.Manifest(report, plan, [file]),
                run.Upload,
                commit.Location,
                "Run the transfer again with TransferOptions.Overwrite.",
                context,
                cancellationToken).ConfigureAwait(false);
            report = report with { ManifestFileName = manifestKey };
        }

        var finished = time.GetTimestamp();
        progress.Report(TransferPhase.Done, rowsWritten, result.RowCount, commit.Bytes);
        return report with
        {
            PlanDuration = time.GetElapsedTime(started, planned),
            QueryDuration = time.GetElapsedTime(planned, queried),
            WriteDuration = time.GetElapsedTime(queried, finished),
            TotalDuration = time.GetElapsedTime(started, finished),
        };
    }

    private async Task<(DestinationCommit Commit, long Rows, long KeptSourceRows)> WriteAsync(
        TransferRun run, TransferPlan plan, SnowflakeResult result, IDestinationUpload upload, string key, TransferProgressReporter progress, CancellationToken cancellationToken)
    {
        var writer = run.Format.CreateWriter(plan.OutputSchema, upload.Stream, run.Writer);
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

                progress.Report(TransferPhase.Writing, writer.RowsWritten, result.RowCount, upload.BytesWritten);
                // Written and counted: its pooled chunks go to the partitions still being decoded.
                batch.Release();
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (writer.RowsWritten != result.RowCount)
        {
            // Never commit a file that disagrees with what Snowflake said it returned.
            throw new TransferIntegrityException(
                $"Snowflake reported {result.RowCount} rows for statement {result.StatementHandle} but {writer.RowsWritten} were written; nothing was committed.");
        }

        progress.Report(TransferPhase.Committing, writer.RowsWritten, result.RowCount, upload.BytesWritten);
        await TransferSteps.CheckBeforeCommitAsync(destination, key, run.Upload, cancellationToken).ConfigureAwait(false);
        var commit = await upload.CommitAsync(cancellationToken).ConfigureAwait(false);
        Log.Committed(context.Logger, commit.Location, commit.Bytes, writer.RowsWritten);
        return (commit, writer.RowsWritten, keptSourceRows);
    }

    private static string CreateKey(TransferRun run, TransferPlan plan, DateTimeOffset startedAt)
    {
        var table = ObjectKeys.NameSegment(plan.Table.Name.Name);
        var id = ObjectKeys.NewShortId();
        if (run.KeyTemplate is null)
        {
            return ObjectKeys.Default(run.KeyPrefix, table, startedAt, id, run.File.Extension);
        }

        var key = TransferKeyTemplate.Expand(
            run.KeyTemplate,
            new TransferKeyValues(table, plan.Table.Schema?.Name, plan.Table.Database?.Name, startedAt, id, run.File.Extension));
        return ObjectKeys.Join(run.KeyPrefix, key);
    }

    private async Task VerifyAsync(TransferRun run, DestinationCommit commit, long rows, CancellationToken cancellationToken)
    {
        var readRows = await TransferReadBack.ReadAsync(destination, commit, run.Format, run.Writer, cancellationToken).ConfigureAwait(false);
        if (readRows != rows)
        {
            throw new TransferIntegrityException(
                $"The read-back (TransferOptions.Verify) of {commit.Location} counted {readRows} rows, not the {rows} written. Do not use the file; {TransferMessages.RunAgainWithOverwrite}.");
        }

        Log.Verified(context.Logger, commit.Location, readRows);
    }
}
