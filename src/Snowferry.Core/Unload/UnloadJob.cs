using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Destinations;
using Snowferry.Planning;
using Snowferry.Planning.Sql;
using Snowferry.Snowflake;

namespace Snowferry.Unload;

/// <summary>
/// The terabyte path: Snowflake writes the plan's result straight to S3 (<c>COPY INTO 's3://…' FROM (plan)</c> through a
/// storage integration), so no row passes through this process. snowferry plans the statement, runs it, lists the run
/// prefix and checks every file against the statement's DETAILED_OUTPUT (names, sizes), then writes
/// <c>manifest.json</c> last: a run without a manifest is incomplete and must be ignored by readers.
/// </summary>
public sealed class UnloadJob
{
    internal const string NoIntegrationMessage =
        "An unload needs a Snowflake storage integration that may write to the bucket (--storage-integration or " +
        UnloadOptions.StorageIntegrationVariable + "); snowferry never passes S3 keys in SQL.";

    private readonly SnowflakeClient _client;
    private readonly SnowflakeConnectionSettings _connection;
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the job.</summary>
    /// <param name="client">The Snowflake client that runs the statements.</param>
    /// <param name="connection">The connection it uses (its role names the table in errors).</param>
    /// <param name="s3">A client for the destination bucket, used to list and check the files and to write the manifest.</param>
    /// <param name="destination">A bucket name or <c>s3://bucket/optional/prefix</c>.</param>
    /// <param name="timeProvider">The clock; the system's when null.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="DestinationException">The destination is not a valid S3 bucket and prefix.</exception>
    public UnloadJob(
        SnowflakeClient client,
        SnowflakeConnectionSettings connection,
        IAmazonS3 s3,
        string destination,
        TimeProvider? timeProvider = null,
        ILogger<UnloadJob>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(destination);
        _client = client;
        _connection = connection;
        _s3 = s3;
        (_bucket, _prefix) = S3Url.Parse(destination);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Plans the unload and builds its statement, moving no data (what <c>--dry-run</c> shows).</summary>
    /// <exception cref="PlanException">The table or the options are wrong.</exception>
    /// <exception cref="UnloadException">No storage integration, or a column the format cannot hold.</exception>
    public async Task<(TransferPlan Plan, UnloadStatement Statement)> PrepareAsync(string sourceTable, UnloadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        var plan = await TransferPlanner.PlanAsync(_client, _connection, sourceTable, options.Plan, options.StatementTimeout, cancellationToken)
            .ConfigureAwait(false);
        return (plan, Prepare(plan, options));
    }

    /// <summary>Builds the statement for an existing plan (<see cref="UnloadOptions.Plan"/> is not read), moving no data.</summary>
    /// <exception cref="UnloadException">No storage integration, or a column the format cannot hold.</exception>
    public UnloadStatement Prepare(TransferPlan plan, UnloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var integration = CheckOptions(options);
        if (ColumnRefusal(plan, options.Format) is { } refusal)
        {
            throw new UnloadException(refusal);
        }

        var runName = options.RunName ?? string.Create(
            CultureInfo.InvariantCulture,
            $"run-{_time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}_{ObjectKeys.NewShortId()}");
        var folder = _prefix.Length == 0 ? "" : _prefix + "/";
        return new UnloadStatement
        {
            Bucket = _bucket,
            Prefix = folder + KeySegment(plan.Table.Name.Name) + "/" + runName + "/",
            Query = plan.OutputStatement,
            StorageIntegration = integration,
            Format = options.Format,
            MaxFileSize = options.MaxFileSize,
        };
    }

    /// <summary>Runs the unload and reports what it wrote.</summary>
    /// <exception cref="PlanException">The table or the options are wrong.</exception>
    /// <exception cref="UnloadException">No storage integration, or a column the format cannot hold.</exception>
    /// <exception cref="SnowflakeException">Snowflake refused or failed the statement (e.g. an unknown integration).</exception>
    /// <exception cref="UnloadIntegrityException">The files in the bucket disagree with the statement; no manifest was written.</exception>
    public async Task<UnloadReport> RunAsync(string sourceTable, UnloadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        var plan = await TransferPlanner.PlanAsync(_client, _connection, sourceTable, options.Plan, options.StatementTimeout, cancellationToken)
            .ConfigureAwait(false);
        return await RunAsync(plan, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the unload of an existing plan (<see cref="UnloadOptions.Plan"/> is not read) and reports what it wrote.</summary>
    /// <exception cref="UnloadException">No storage integration, or a column the format cannot hold.</exception>
    /// <exception cref="SnowflakeException">Snowflake refused or failed the statement (e.g. an unknown integration).</exception>
    /// <exception cref="UnloadIntegrityException">The files in the bucket disagree with the statement; no manifest was written.</exception>
    public async Task<UnloadReport> RunAsync(TransferPlan plan, UnloadOptions options, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var startedTicks = _time.GetTimestamp();
        var statement = Prepare(plan, options);
        var sql = statement.ToSql();
        var tableText = plan.Table.ToString();
        var url = statement.Url;
        UnloadLog.Starting(_logger, tableText, url);

        var result = await _client.ExecuteAsync(sql, new SnowflakeStatementOptions { QueryTag = options.QueryTag, Timeout = options.StatementTimeout }, cancellationToken)
            .ConfigureAwait(false);
        var reported = await ReadDetailedOutputAsync(result, statement.Prefix, cancellationToken).ConfigureAwait(false);
        var unloadedRows = reported.Sum(f => f.RowCount);
        UnloadLog.Unloaded(_logger, result.StatementHandle, unloadedRows, reported.Count);

        try
        {
            await VerifyAsync(statement, reported, cancellationToken).ConfigureAwait(false);
        }
        catch (UnloadIntegrityException)
        {
            // Unpublished either way (no manifest); the files this statement wrote are removed so the run leaves nothing of
            // its own behind. Files it did not write are left alone: they are named in the exception.
            await DeleteQuietlyAsync(reported, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var manifestKey = statement.Prefix + UnloadManifest.FileName;
        var report = new UnloadReport
        {
            SourceTable = tableText,
            Bucket = _bucket,
            RunPrefix = statement.Prefix,
            ManifestKey = manifestKey,
            Files = reported,
            QueryId = result.StatementHandle,
            Format = options.Format,
            Timestamp = _time.GetUtcNow(),
        };
        using (var body = new MemoryStream(UnloadManifest.Write(plan, report, started)))
        {
            await _s3.PutObjectAsync(
                new PutObjectRequest { BucketName = _bucket, Key = manifestKey, InputStream = body, ContentType = "application/json" },
                cancellationToken).ConfigureAwait(false);
        }

        UnloadLog.Published(_logger, "s3://" + _bucket + "/" + manifestKey);
        return report with { Timestamp = _time.GetUtcNow(), TotalDuration = _time.GetElapsedTime(startedTicks) };
    }

    private static SqlIdentifier CheckOptions(UnloadOptions options)
    {
        if (options.MaxFileSize is < 1 or > UnloadOptions.MaxFileSizeLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxFileSize, "MaxFileSize must be in [1, 5368709120] bytes.");
        }

        if (!Enum.IsDefined(options.Format))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Format, "Unknown unload format.");
        }

        if (options.RunName is { } run && (run.Length is 0 or > 200 || !run.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') || run is "." or ".."))
        {
            throw new ArgumentException("RunName must be 1 to 200 letters, digits, '.', '_' or '-'.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.StorageIntegration))
        {
            throw new UnloadException(NoIntegrationMessage);
        }

        return IdentifierParser.Parse(options.StorageIntegration, 1, "storage integration")[0];
    }

    /// <summary>
    /// Why Snowflake would refuse to unload the plan's columns in <paramref name="format"/>, with the fixes; null when it
    /// would not. Snowflake refuses TIMESTAMP_TZ/LTZ in Parquet unloads: said before running anything.
    /// </summary>
    internal static string? ColumnRefusal(TransferPlan plan, UnloadFileFormat format)
    {
        if (format != UnloadFileFormat.Parquet)
        {
            return null;
        }

        var zoned = plan.OutputSchema.Where(c => c.Type is SnowflakeType.TimestampTz or SnowflakeType.TimestampLtz).Select(c => c.Name).ToList();
        return zoned.Count == 0
            ? null
            : $"Snowflake cannot unload TIMESTAMP_TZ or TIMESTAMP_LTZ columns to Parquet: {string.Join(", ", zoned)}. " +
              "Unload as CSV (--format csv), make the column a month (--month-column, written as a DATE), or drop it.";
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

    /// <summary>Lists the run prefix: exactly the reported files, with the reported sizes, and nothing else.</summary>
    private async Task VerifyAsync(UnloadStatement statement, List<UnloadedFile> reported, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, long>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = statement.Prefix };
        while (true)
        {
            var page = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
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

        UnloadLog.Mismatch(_logger, statement.Url, unexpected.Count, missing.Count);
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
                await _s3.DeleteObjectAsync(_bucket, file.Key, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception)
            {
                // Best effort: the exception being thrown already says the run failed; there is no manifest.
            }
        }
    }

    private static string Sample(List<string> keys) =>
        string.Join(", ", keys.Take(5)) + (keys.Count > 5 ? $", … ({keys.Count - 5} more)" : "");

    /// <summary>A table name as one key segment: slashes would make folders of it.</summary>
    private static string KeySegment(string table) => table.Replace('/', '_').Replace('\\', '_');
}
