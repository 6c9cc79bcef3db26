using System.CommandLine;
using System.Globalization;
using Snowferry.Destinations.S3;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;
using Snowferry.Unload;

namespace Snowferry.Cli.Commands;

/// <summary>
/// <c>snowferry unload SOURCE_TABLE s3://bucket/prefix --storage-integration NAME</c>: the terabyte path. Snowflake writes
/// the files itself; the result JSON (manifest key, rows over all files, commit time) goes to stdout.
/// </summary>
internal static class UnloadCommand
{
    public static Command Create()
    {
        var table = new Argument<string>("SOURCE_TABLE") { Description = "TABLE, SCHEMA.TABLE or DATABASE.SCHEMA.TABLE (unquoted names fold to upper case; quote \"Mixed Case\")." };
        var destination = new Argument<string>("DESTINATION") { Description = "A bucket name or s3://bucket/prefix; each run writes under <prefix>/<TABLE>/run-<time>_<id>/." };
        var roles = new PlanOptionSet();
        var integration = StorageIntegrationOption();
        var format = new Option<UnloadFileFormat>("--format", "-f")
        {
            Description = "Data file format: Parquet (Snappy) or Csv (gzip, header).",
            DefaultValueFactory = _ => UnloadFileFormat.Parquet,
        };
        var maxFileSize = new Option<long>("--max-file-size-mb")
        {
            Description = "Snowflake's MAX_FILE_SIZE in MiB (1-5120): files are split at about this size.",
            DefaultValueFactory = _ => UnloadOptions.DefaultMaxFileSize / 1024 / 1024,
        };
        maxFileSize.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<long>();
            if (value is < 1 or > 5120)
            {
                r.AddError($"--max-file-size-mb must be between 1 and 5120, got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var endpoint = new Option<Uri?>("--s3-endpoint-url")
        {
            Description = "The S3 endpoint snowferry lists and writes the manifest through (default: AWS_ENDPOINT_URL_S3, else AWS).",
            CustomParser = ParseUri,
        };
        var region = new Option<string?>("--region") { Description = "The bucket's region (default: the AWS SDK's chain)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the COPY INTO statement and stop." };
        var report = new Option<bool>("--report") { Description = "Print the full report (files, sizes, rows, query id) instead of the result." };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces on errors." };
        var statementTimeout = StatementTimeoutOption.Create();

        var command = new Command("unload", "Have Snowflake write the aggregated table to S3 itself (COPY INTO): several files and a manifest, for outputs too large to pass through one machine.")
        {
            table, destination, integration, format, maxFileSize, endpoint, region, statementTimeout, dryRun, report, debug,
        };
        foreach (var option in roles.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => CommandErrors.RunAsync(
            async () =>
            {
                using var snowflake = SnowflakeDataSource.Create(new SnowflakeConnectionOptions
                {
                    ConnectionName = parse.GetValue(roles.Connection),
                    ConnectionsFile = parse.GetValue(roles.ConnectionsFile)?.FullName,
                });
                using var s3 = S3ClientFactory.Create(parse.GetValue(endpoint), parse.GetValue(region));
                var job = new UnloadJob(snowflake.Client, snowflake.Settings, s3, parse.GetValue(destination)!);
                var options = new UnloadOptions
                {
                    StorageIntegration = StorageIntegration(parse, integration),
                    Format = parse.GetValue(format),
                    MaxFileSize = parse.GetValue(maxFileSize) * 1024 * 1024,
                    StatementTimeout = StatementTimeoutOption.Value(parse, statementTimeout),
                    Plan = roles.PlanOptions(parse),
                };
                if (parse.GetValue(dryRun))
                {
                    var (_, statement) = await job.PrepareAsync(parse.GetValue(table)!, options, ct).ConfigureAwait(false);
                    await Console.Out.WriteLineAsync(statement.ToSql()).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var result = await job.RunAsync(parse.GetValue(table)!, options, ct).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(parse.GetValue(report) ? Describe(result) : result.ToResult().ToJson()).ConfigureAwait(false);
                return ExitCodes.Success;
            },
            parse.GetValue(debug)));
        return command;
    }

    /// <summary><c>--storage-integration</c>, shared with <c>transfer --mode</c>; read with <see cref="StorageIntegration"/>.</summary>
    internal static Option<string?> StorageIntegrationOption() => new("--storage-integration")
    {
        Description = $"The Snowflake storage integration allowed to write to the bucket, for COPY INTO (default: {UnloadOptions.StorageIntegrationVariable}).",
    };

    /// <summary>The option's value, else the environment variable's.</summary>
    internal static string? StorageIntegration(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) ?? Environment.GetEnvironmentVariable(UnloadOptions.StorageIntegrationVariable);

    /// <summary>An absolute http(s) URL option (System.CommandLine does not convert <see cref="Uri"/> itself).</summary>
    internal static Uri? ParseUri(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute http:// or https:// URL.");
        return null;
    }

    private static string Describe(UnloadReport report)
    {
        var lines = new List<string>
        {
            $"source_table: {report.SourceTable}",
            $"manifest: s3://{report.Bucket}/{report.ManifestKey}",
            $"query_id: {report.QueryId}",
            string.Create(CultureInfo.InvariantCulture, $"rows: {report.RowCount}  bytes: {report.Bytes}  files: {report.Files.Count}"),
        };
        lines.AddRange(report.Files.Select(f => string.Create(CultureInfo.InvariantCulture, $"  {f.Key}  {f.Bytes} bytes  {f.RowCount} rows")));
        return string.Join('\n', lines);
    }
}
