using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Internal;
using Snowferry.Manifest;
using Snowferry.Planning;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;
using Snowferry.Unload;

namespace Snowferry.Transfer;

/// <summary>
/// The terabyte path: Snowflake writes the plan's result straight to S3 (<c>COPY INTO 's3://…' FROM (plan)</c> through a
/// storage integration), so no row passes through this process. It runs the statement, lists the run folder and
/// checks every file against the statement's DETAILED_OUTPUT (names, sizes), then writes the manifest last, through the
/// destination: a run folder without a manifest is incomplete and must be ignored by readers.
/// </summary>
internal sealed class UnloadStrategy(TransferContext context, S3Destination destination)
{
    /// <summary>
    /// Why Snowflake would refuse to unload the plan's columns in <paramref name="format"/>, with the fixes; null when it
    /// would not. Snowflake refuses TIMESTAMP_TZ/LTZ in Parquet unloads: said before running anything.
    /// </summary>
    public static string? ColumnRefusal(TransferPlan plan, UnloadFileFormat format)
    {
        if (format != UnloadFileFormat.Parquet)
        {
            return null;
        }

        var zoned = plan.OutputSchema.Where(c => c.Type is SnowflakeType.TimestampTz or SnowflakeType.TimestampLtz).Select(c => c.Name).ToList();
        return zoned.Count == 0
            ? null
            : $"Snowflake cannot unload TIMESTAMP_TZ or TIMESTAMP_LTZ columns to Parquet: {string.Join(", ", zoned)}. " +
              "Unload as CSV (TransferOptions.Format = \"csv\"), make the column a month (TransferPlanOptions.MonthColumns, written as a DATE), or drop it (TransferPlanOptions.DropColumns).";
    }

    /// <summary>The statement the run would execute, moving no data: the run folder is named now.</summary>
    /// <remarks>The pipeline has checked the columns (<see cref="ColumnRefusal"/>) and the options already.</remarks>
    public UnloadStatement Prepare(TransferRun run, TransferPlan plan)
    {
        var runName = run.UnloadRunName ?? string.Create(
            CultureInfo.InvariantCulture,
            $"run-{context.Time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}_{ObjectKeys.NewShortId()}");
        var folder = run.KeyPrefix.Length == 0 ? "" : run.KeyPrefix + "/";
        return new UnloadStatement
        {
            Bucket = destination.Bucket,
            Prefix = folder + ObjectKeys.NameSegment(plan.Table.Name.Name) + "/" + runName + "/",
            Query = plan.OutputStatement,
            StorageIntegration = run.StorageIntegration ?? throw new UnloadException(TransferMessages.NoStorageIntegration),
            Format = run.UnloadFormat,
            MaxFileSize = run.UnloadMaxFileSize,
        };
    }

    /// <param name="run">The transfer.</param>
    /// <param name="plan">Its plan.</param>
    /// <param name="sourceRows">The source's rows when auto's estimate counted them; else counted here.</param>
    /// <param name="progress">The run's progress.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public async Task<TransferReport> RunAsync(TransferRun run, TransferPlan plan, long? sourceRows, TransferProgressReporter progress, CancellationToken cancellationToken)
    {
        var time = context.Time;
        var started = progress.Started;
        var planned = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        var statement = Prepare(run, plan);
        // COPY INTO reports only the rows it wrote: the source rows come from auto's estimate, else from one COUNT(*).
        var totalRows = sourceRows ?? await context.CountRowsAsync(run, plan, cancellationToken).ConfigureAwait(false);
        progress.Report(TransferPhase.Querying, 0, null, 0);
        var tableText = plan.Table.ToString();
        Log.UnloadStarting(context.Logger, tableText, statement.Url);
        progress.UnloadFolderChosen(statement.Url);
        var options = TransferContext.StatementOptions(run, TransferRun.UnloadQueryTag) with { OnAccepted = progress.StatementAccepted };
        var result = await context.Client.ExecuteAsync(statement.ToSql(), options, cancellationToken).ConfigureAwait(false);
        var reported = await ReadDetailedOutputAsync(result, statement.Prefix, cancellationToken).ConfigureAwait(false);
        var rows = reported.Sum(f => f.RowCount);
        var bytes = reported.Sum(f => f.Bytes);
        Log.Unloaded(context.Logger, result.StatementHandle, rows, reported.Count);
        try
        {
            await CheckListingAsync(statement, reported, cancellationToken).ConfigureAwait(false);
        }
        catch (UnloadIntegrityException)
        {
            // Unpublished either way (no manifest); the files this statement wrote are removed so the run leaves nothing of
            // its own behind. Files it did not write are left alone: they are named in the exception.
            await DeleteQuietlyAsync(reported, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var manifestKey = statement.Prefix + TransferManifest.RunFolderFileName;
        var report = new TransferReport
        {
            SourceTable = tableText,
            FileName = manifestKey,
            Uri = destination.DescribeLocation(manifestKey),
            Mode = TransferMode.Unload,
            Format = run.UnloadFormat == UnloadFileFormat.Parquet ? "parquet" : "csv",
            OutputRows = rows,
            SourceRows = totalRows,
            BlankRowsDropped = null,
            Bytes = bytes,
            OverwriteGuard = TransferOverwriteGuards.NewRunFolder,
            ManifestFileName = manifestKey,
            Files = reported,
            StartedAt = startedAt,
            QueryId = result.StatementHandle,
            Columns = TransferSteps.ReportColumns(plan),
            Timestamp = time.GetUtcNow(),
        };
        var files = reported.Select(f => new TransferManifestFile(f.Key, destination.DescribeLocation(f.Key), f.Bytes, f.RowCount, null, null)).ToList();
        await TransferSteps.WriteManifestAsync(
            destination,
            manifestKey,
            TransferSteps.Manifest(report, plan, files),
            run.Upload with { Overwrite = false }, // a fresh run folder: nothing of another run may be replaced
            statement.Url,
            "The run is not published; run the transfer again (it writes a new run folder).",
            context,
            cancellationToken).ConfigureAwait(false);
        Log.UnloadPublished(context.Logger, report.Uri);
        var finished = time.GetTimestamp();
        progress.Report(TransferPhase.Done, rows, rows, bytes);
        return report with
        {
            PlanDuration = time.GetElapsedTime(started, planned),
            QueryDuration = time.GetElapsedTime(planned, finished),
            TotalDuration = time.GetElapsedTime(started, finished),
        };
    }

    private static async Task<List<UnloadedFile>> ReadDetailedOutputAsync(SnowflakeResult result, string prefix, CancellationToken cancellationToken)
    {
        int Ordinal(string name)
        {
            for (var i = 0; i < result.Columns.Count; i++)
            {
                if (string.Equals(result.Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            throw new UnloadIntegrityException(
                $"Statement {result.StatementHandle} returned no {name} column: was DETAILED_OUTPUT = TRUE honoured? Columns: " +
                string.Join(", ", result.Columns.Select(c => c.Name)));
        }

        var (name, size, rows) = (Ordinal("FILE_NAME"), Ordinal("FILE_SIZE"), Ordinal("ROW_COUNT"));
        var files = new List<UnloadedFile>();
        await foreach (var batch in result.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                var file = batch.GetValue<string>(row, name);
                var key = file.StartsWith(prefix, StringComparison.Ordinal) ? file : prefix + file.TrimStart('/');
                files.Add(new UnloadedFile(key, batch.GetValue<long>(row, size), batch.GetValue<long>(row, rows)));
            }
        }

        return files;
    }

    /// <summary>Lists the run folder: exactly the reported files, with the reported sizes, and nothing else.</summary>
    private async Task CheckListingAsync(UnloadStatement statement, List<UnloadedFile> reported, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, long>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = destination.Bucket, Prefix = statement.Prefix };
        while (true)
        {
            var page = await destination.Client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                listed[item.Key] = item.Size ?? 0;
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }

        var missing = reported.Where(f => !listed.TryGetValue(f.Key, out var bytes) || bytes != f.Bytes).Select(f => f.Key).ToList();
        var expected = reported.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var unexpected = listed.Keys.Where(k => !expected.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return;
        }

        Log.UnloadMismatch(context.Logger, statement.Url, unexpected.Count, missing.Count);
        var detail = new List<string>();
        if (unexpected.Count > 0)
        {
            detail.Add($"{unexpected.Count} file(s) the statement did not write (a retried or concurrent unload?): {Sample(unexpected)}");
        }

        if (missing.Count > 0)
        {
            detail.Add($"{missing.Count} reported file(s) missing or of another size: {Sample(missing)}");
        }

        throw new UnloadIntegrityException(
            $"The files under {statement.Url} disagree with what the unload reported: {string.Join("; ", detail)}. " +
            "No manifest was written, so the run is not published; the files this unload wrote were deleted. Remove the others and run again.",
            unexpected,
            missing);
    }

    private async Task DeleteQuietlyAsync(List<UnloadedFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            try
            {
                await destination.Client.DeleteObjectAsync(destination.Bucket, file.Key, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception)
            {
                // Best effort: the exception being thrown already says the run failed; there is no manifest.
            }
        }
    }

    private static string Sample(List<string> keys) =>
        string.Join(", ", keys.Take(5)) + (keys.Count > 5 ? $", … ({keys.Count - 5} more)" : "");
}
