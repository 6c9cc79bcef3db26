using Amazon.S3;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Destinations;
using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Unload;

namespace Snowferry.Transfer;

public static partial class SnowferryTransfer
{
    /// <summary>Mode unload or auto: plans once, then estimates (auto) and runs the chosen path on that plan.</summary>
    private static async Task<TransferReport> RunModeAsync(
        string sourceTable,
        DestinationAddress address,
        TransferOptions options,
        SnowflakeSession session,
        TransferJob job,
        Exception? cannotUnload,
        Func<IAmazonS3> s3,
        CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var logger = options.LoggerFactory?.CreateLogger(typeof(SnowferryTransfer).FullName!) ?? NullLogger.Instance;
        var started = time.GetTimestamp();
        options.Progress?.Report(new TransferProgress(TransferPhase.Planning, 0, null, 0, TimeSpan.Zero));
        var plan = await job.PlanAsync(sourceTable, options, cancellationToken).ConfigureAwait(false);
        var table = plan.Table.ToString();
        var format = UnloadFormat(options) ?? UnloadFileFormat.Parquet;
        if (cannotUnload is null && UnloadJob.ColumnRefusal(plan, format) is { } columns)
        {
            cannotUnload = new UnloadException(columns);
            if (options.Mode == TransferMode.Unload)
            {
                throw cannotUnload;
            }
        }

        if (cannotUnload is not null)
        {
            // Auto only (unload threw): the estimate is a scan of the table, wasted when its answer could not be followed.
            TransferLog.AutoCannotUnload(logger, table, cannotUnload.Message);
            var streamed = await job.RunAsync(plan, options, started, cancellationToken).ConfigureAwait(false);
            return streamed with { ModeReason = "auto could not unload, so streamed without estimating: " + cannotUnload.Message };
        }

        var estimate = options.Mode == TransferMode.Auto
            ? await new TransferModeChooser(session.Client, options.UnloadThresholdBytes, options.LoggerFactory?.CreateLogger<TransferModeChooser>())
            {
                StatementTimeout = options.StatementTimeout,
            }.ChooseAsync(plan, cancellationToken).ConfigureAwait(false)
            : null;
        var mode = estimate?.Mode ?? TransferMode.Unload;
        var reason = estimate is null ? "asked for" : "auto: " + estimate.Reason;
        TransferLog.ModeChosen(logger, table, mode == TransferMode.Unload ? "unload" : "stream", reason);
        var report = mode == TransferMode.Stream
            ? await job.RunAsync(plan, options, started, cancellationToken).ConfigureAwait(false)
            : await UnloadAsync(plan, address, options, format, session, job, s3(), estimate?.SourceRows, started, cancellationToken).ConfigureAwait(false);
        return report with { Mode = mode, ModeReason = reason, EstimatedRows = estimate?.EstimatedRows, EstimatedBytes = estimate?.EstimatedBytes };
    }

    private static async Task<TransferReport> UnloadAsync(
        TransferPlan plan,
        DestinationAddress address,
        TransferOptions options,
        UnloadFileFormat format,
        SnowflakeSession session,
        TransferJob job,
        IAmazonS3 s3,
        long? sourceRows,
        long started,
        CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var planned = time.GetTimestamp();
        var startedAt = time.GetUtcNow();
        var prefix = string.IsNullOrWhiteSpace(options.KeyPrefix) ? address.Prefix : ObjectKeys.Join(address.Prefix, options.KeyPrefix);
        var unloader = new UnloadJob(session.Client, session.Settings, s3, $"s3://{address.Bucket}/{prefix}", time, options.LoggerFactory?.CreateLogger<UnloadJob>());
        // COPY INTO reports only the rows it wrote: the source rows come from auto's estimate, else from one COUNT(*).
        var totalRows = sourceRows ?? await job.CountRowsAsync(plan, options.StatementTimeout, cancellationToken).ConfigureAwait(false);
        options.Progress?.Report(new TransferProgress(TransferPhase.Querying, 0, null, 0, time.GetElapsedTime(started)));
        var unloadOptions = new UnloadOptions { StorageIntegration = options.StorageIntegration, Format = format, StatementTimeout = options.StatementTimeout };
        var unload = await unloader.RunAsync(plan, unloadOptions, cancellationToken).ConfigureAwait(false);
        var finished = time.GetTimestamp();
        options.Progress?.Report(new TransferProgress(TransferPhase.Done, unload.RowCount, unload.RowCount, unload.Bytes, time.GetElapsedTime(started, finished)));
        return new TransferReport
        {
            SourceTable = unload.SourceTable,
            FileName = unload.ManifestKey,
            Uri = $"s3://{unload.Bucket}/{unload.ManifestKey}",
            Format = format == UnloadFileFormat.Parquet ? "parquet" : "csv",
            OutputRows = unload.RowCount,
            SourceRows = totalRows,
            BlankRowsDropped = null,
            Bytes = unload.Bytes,
            OverwriteGuard = TransferOverwriteGuards.NewRunFolder,
            ManifestFileName = unload.ManifestKey,
            Files = unload.Files,
            StartedAt = startedAt,
            QueryId = unload.QueryId,
            Columns = TransferJob.ReportColumns(plan),
            Timestamp = unload.Timestamp,
            PlanDuration = time.GetElapsedTime(started, planned),
            QueryDuration = unload.TotalDuration,
            TotalDuration = time.GetElapsedTime(started, finished),
        };
    }

    /// <summary>
    /// Why an unload cannot honour the destination and options, as the exception mode unload throws (its message is
    /// also auto's reason to stream); null when it can.
    /// </summary>
    private static Exception? UnloadRefusal(DestinationAddress address, TransferOptions options)
    {
        if (address.Kind != DestinationKind.S3)
        {
            return new DestinationException(DestinationErrorKind.InvalidAddress,
                "An unload goes to S3 (Snowflake writes the files itself): give a bucket name or s3://bucket/prefix, or use --mode stream for a local folder.");
        }

        if (string.IsNullOrWhiteSpace(options.StorageIntegration))
        {
            return new UnloadException(UnloadJob.NoIntegrationMessage);
        }

        var format = UnloadFormat(options);
        if (format is null)
        {
            return new ArgumentException($"An unload writes Parquet or CSV files, not {options.Format}: use --format parquet or csv, or --mode stream.", nameof(options));
        }

        var compression = format == UnloadFileFormat.Parquet ? OutputCompression.Snappy : OutputCompression.Gzip;
        if (options.Compression != OutputCompression.Default && options.Compression != compression)
        {
            return new ArgumentException(
                $"An unload compresses {options.Format} with {compression.ToString().ToLowerInvariant()} only: drop --compression, or use --mode stream.", nameof(options));
        }

        if (!string.IsNullOrWhiteSpace(options.KeyTemplate))
        {
            return new ArgumentException("--key names one file, but an unload writes a run folder of files and a manifest: drop --key, or use --mode stream.", nameof(options));
        }

        if (options.Verify)
        {
            return new ArgumentException(
                "--verify reads one file back; an unload checks its files against Snowflake's report by listing them instead: drop --verify, or use --mode stream.", nameof(options));
        }

        return options.WriteManifest
            ? null
            : new ArgumentException("An unload always writes its manifest (it marks the run complete): drop --no-manifest, or use --mode stream.", nameof(options));
    }

    private static UnloadFileFormat? UnloadFormat(TransferOptions options) =>
        OutputFormats.TryFind(options.Format, out var format)
            ? format.Name switch
            {
                ParquetOutputFormat.FormatName => UnloadFileFormat.Parquet,
                "csv" => UnloadFileFormat.Csv,
                _ => null,
            }
            : null;
}
