using System.CommandLine;
using System.Globalization;
using Snowferry.Destinations;
using Snowferry.Output;
using Snowferry.Transfer;
using Snowferry.Unload;

namespace Snowferry.Cli.Commands;

/// <summary>
/// <c>snowferry transfer SOURCE_TABLE DESTINATION [--mode stream|unload|auto]</c>: the result JSON on stdout, progress and
/// the path taken on stderr. <c>snowferry unload</c> is the same command with the mode fixed to unload: same options,
/// same output.
/// </summary>
internal static class TransferCommand
{
    /// <param name="unloadAlias">Build <c>unload</c>, the alias of <c>transfer --mode unload</c>.</param>
    public static Command Create(bool unloadAlias = false)
    {
        var table = new Argument<string>("SOURCE_TABLE") { Description = "TABLE, SCHEMA.TABLE or DATABASE.SCHEMA.TABLE (unquoted names fold to upper case; quote \"Mixed Case\")." };
        var destination = new Argument<string>("DESTINATION") { Description = "A bucket name, s3://bucket/prefix, or a local folder (./out, /path, file:///path)." };
        var roles = new PlanOptionSet();
        var format = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", OutputFormats.All.Select(f => f.Name))}.",
            DefaultValueFactory = _ => "parquet",
        };
        format.Validators.Add(r =>
        {
            if (!OutputFormats.TryFind(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError($"Unknown format '{r.GetValueOrDefault<string>()}'. Use one of: {string.Join(", ", OutputFormats.All.Select(f => f.Name))}.");
            }
        });
        var compression = new Option<OutputCompression>("--compression")
        {
            Description = "Compression: default (snappy for Parquet, none for text), none, snappy, zstd, gzip.",
            DefaultValueFactory = _ => OutputCompression.Default,
        };
        var prefix = new Option<string?>("--prefix") { Description = "Key prefix inside the bucket, under any prefix the destination names." };
        var endpoint = CliOptions.EndpointOption("An S3-compatible endpoint (default: AWS_ENDPOINT_URL_S3, else AWS).");
        var region = CliOptions.RegionOption();
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an object that already exists at the key (refused otherwise)." };
        var partSize = new Option<int>("--part-size-mb")
        {
            Description = "Multipart upload part size in MiB (5-512); memory use grows with it.",
            DefaultValueFactory = _ => DestinationUploadOptions.DefaultPartSize / 1024 / 1024,
        };
        partSize.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<int>();
            if (value is < 5 or > 512)
            {
                r.AddError($"--part-size-mb must be between 5 and 512, got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var key = new Option<string?>("--key")
        {
            Description = "A deterministic key instead of the timestamped default, e.g. 'exports/{table}/{date:yyyy-MM}/{table}.{ext}' "
                + "({table} {schema} {database} {timestamp} {date:FORMAT} {id} {ext}); a re-run with the same key is refused unless --overwrite.",
        };
        var verify = new Option<bool>("--verify") { Description = "After the upload, read the file back, check its SHA-256 and count its rows against the report." };
        var noConditional = new Option<bool>("--no-conditional-write")
        {
            Description = "For S3-compatible stores without conditional writes (If-None-Match): check the key before the upload and again before the commit instead.",
        };
        var noManifest = new Option<bool>("--no-manifest") { Description = "Do not write <key>.manifest.json beside the file." };
        var mode = new Option<TransferMode>("--mode")
        {
            HelpName = "stream|unload|auto",
            Description = "stream (default): the rows pass through snowferry into one deterministic file. "
                + "unload: Snowflake writes Parquet or CSV files itself (COPY INTO, through --storage-integration), then snowferry a manifest, "
                + "whose key is file_name: for outputs too large for one machine. "
                + "auto: one more statement, a scan of the table, estimates the output (the table's COUNT(*) and APPROX_COUNT_DISTINCT of the month and key columns, "
                + "times a row width from the types); unload from --unload-threshold-gb on, else stream. Stderr and --report say which and why; "
                + "without a storage integration auto streams and says so.",
            DefaultValueFactory = _ => TransferMode.Stream,
        };
        var integration = CliOptions.StorageIntegrationOption();
        var maxFileSize = new Option<long>("--max-file-size-mb")
        {
            Description = $"For an unload: Snowflake's MAX_FILE_SIZE in MiB (1-{UnloadLimits.MaxFileSizeLimit / 1024 / 1024}): files are split at about this size.",
            DefaultValueFactory = _ => UnloadLimits.DefaultMaxFileSize / 1024 / 1024,
        };
        maxFileSize.Validators.Add(r =>
        {
            // The library's limit (UnloadLimits.MaxFileSizeLimit, 5 GB), in the flag's MiB.
            const long Limit = UnloadLimits.MaxFileSizeLimit / 1024 / 1024;
            var value = r.GetValueOrDefault<long>();
            if (value is < 1 or > Limit)
            {
                r.AddError($"--max-file-size-mb must be between 1 and {Limit}, got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the options, print the plan (and an unload's COPY INTO statement) and stop, moving no data." };
        var threshold = new Option<double>("--unload-threshold-gb")
        {
            Description = "For --mode auto: the estimated output size, in GiB, from which Snowflake unloads.",
            DefaultValueFactory = _ => (double)TransferModeChooser.DefaultThresholdBytes / Gib,
        };
        threshold.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (!(value > 0) || double.IsInfinity(value))
            {
                r.AddError($"--unload-threshold-gb must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var statementTimeout = StatementTimeoutOption.Create();
        var report = new Option<bool>("--report") { Description = "Print the full report (source rows, blank rows dropped, bytes, checksum, query id, durations) instead of the result." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var debug = new Option<bool>("--debug") { Description = "Show stack traces on errors." };

        var command = unloadAlias
            ? new Command(
                "unload",
                "Same as transfer --mode unload: Snowflake writes the aggregated table to S3 itself (COPY INTO), several files and a manifest, for outputs too large to pass through one machine.")
            : new Command(
                "transfer",
                "Move a Snowflake table to S3 (or a folder): fully blank rows dropped, one row per month, one file (or, by --mode, files Snowflake unloads itself).");
        foreach (var option in (Option[])[
            format, compression, prefix, key, endpoint, region, overwrite, verify, noConditional, noManifest, partSize,
            integration, threshold, maxFileSize, statementTimeout, dryRun, report, quiet, debug])
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(table);
        command.Arguments.Add(destination);
        if (!unloadAlias)
        {
            command.Options.Add(mode);
        }

        foreach (var option in roles.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => CommandErrors.RunAsync(
            async () =>
            {
                var source = parse.GetValue(table)!;
                var options = new TransferOptions
                {
                    Plan = roles.PlanOptions(parse),
                    Format = parse.GetValue(format)!,
                    Compression = parse.GetValue(compression),
                    KeyPrefix = parse.GetValue(prefix),
                    KeyTemplate = parse.GetValue(key),
                    Overwrite = parse.GetValue(overwrite),
                    Verify = parse.GetValue(verify),
                    ConditionalWrite = !parse.GetValue(noConditional),
                    WriteManifest = !parse.GetValue(noManifest),
                    PartSize = parse.GetValue(partSize) * 1024 * 1024,
                    Mode = unloadAlias ? TransferMode.Unload : parse.GetValue(mode),
                    StorageIntegration = CliOptions.StorageIntegration(parse, integration),
                    UnloadThresholdBytes = ThresholdBytes(parse.GetValue(threshold)),
                    UnloadMaxFileSize = parse.GetValue(maxFileSize) * 1024 * 1024,
                    StatementTimeout = StatementTimeoutOption.Value(parse, statementTimeout),
                };
                if (parse.GetValue(dryRun))
                {
                    using var planning = CliOptions.DataSource(parse, roles, endpoint, region);
                    var described = await planning.DryRunAsync(source, parse.GetValue(destination)!, options, ct).ConfigureAwait(false);
                    // The plan's reasons and warnings name library options; say them as flags, as `plan` does.
                    await Console.Out.WriteLineAsync(CommandErrors.InFlags(described)).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var progress = new ProgressReporter(source, parse.GetValue(quiet));
                TransferReport result;
                await using (progress.ConfigureAwait(false))
                {
                    using var modeLines = new ModeLines(progress, parse.GetValue(quiet));
                    using var dataSource = CliOptions.DataSource(parse, roles, endpoint, region, modeLines);
                    result = await dataSource.TransferAsync(source, parse.GetValue(destination)!, options with { Progress = progress }, ct).ConfigureAwait(false);
                }

                await Console.Out.WriteLineAsync(parse.GetValue(report) ? result.ToJson() : result.ToResult().ToJson()).ConfigureAwait(false);
                return ExitCodes.Success;
            },
            parse.GetValue(debug)));
        return command;
    }

    private const double Gib = 1024.0 * 1024 * 1024;

    private static long ThresholdBytes(double gib) => gib * Gib >= long.MaxValue ? long.MaxValue : Math.Max(1, (long)(gib * Gib));
}
