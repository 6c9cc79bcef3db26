using Snowferry.Destinations;
using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Planning.Sql;
using Snowferry.Unload;

namespace Snowferry.Transfer;

/// <summary>
/// One transfer, described once and checked once: the options read into what the pipeline and its strategies need, so
/// nothing downstream reads <see cref="TransferOptions"/> or judges it again. Made before anything is connected to: a
/// wrong option fails without a request.
/// </summary>
internal sealed record TransferRun
{
    /// <summary>The QUERY_TAG of the statements a streamed transfer runs.</summary>
    public const string StreamQueryTag = "snowferry";

    /// <summary>The QUERY_TAG of an unload's <c>COPY INTO</c>.</summary>
    public const string UnloadQueryTag = "snowferry-unload";

    public required string SourceTable { get; init; }

    /// <summary>The parsed destination string; null when the caller handed a destination object.</summary>
    public required DestinationAddress? Address { get; init; }

    /// <summary>The mode asked for (auto is resolved by the pipeline, after planning).</summary>
    public required TransferMode Mode { get; init; }

    public required TransferPlanOptions PlanOptions { get; init; }

    public required IOutputFormat Format { get; init; }

    /// <summary>The writer's options, the compression folded in.</summary>
    public required OutputWriterOptions Writer { get; init; }

    public required OutputFileType File { get; init; }

    /// <summary>
    /// The destination's own prefix joined with <see cref="TransferOptions.KeyPrefix"/>, without leading or trailing
    /// slashes (streamed keys and unload folders are both built on it); empty for none.
    /// </summary>
    public required string KeyPrefix { get; init; }

    public required string? KeyTemplate { get; init; }

    /// <summary>How the data file is written: the overwrite guard is derived from this, in one place.</summary>
    public required DestinationUploadOptions Upload { get; init; }

    public required bool Verify { get; init; }

    public required bool WriteManifest { get; init; }

    public required TimeSpan StatementTimeout { get; init; }

    public required IProgress<TransferProgress>? Progress { get; init; }

    /// <summary>Why an unload cannot honour the destination and options; null when it can, or when streaming was asked.</summary>
    public required Exception? CannotUnload { get; init; }

    /// <summary>The unload's file format (Parquet when the output format has no unload counterpart).</summary>
    public required UnloadFileFormat UnloadFormat { get; init; }

    /// <summary>The storage integration, parsed; null when none was given.</summary>
    public required SqlIdentifier? StorageIntegration { get; init; }

    public required long UnloadMaxFileSize { get; init; }

    public required string? UnloadRunName { get; init; }

    public required long UnloadThresholdBytes { get; init; }

    /// <summary>The overwrite guard's name in the report.</summary>
    public string OverwriteGuard => TransferOverwriteGuards.For(Upload);

    /// <summary>Reads and checks the options for a transfer of <paramref name="sourceTable"/> to <paramref name="address"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range, an unknown format or compression, unsupported by the mode, or a key prefix that could put keys outside it.</exception>
    /// <exception cref="UnloadException">Mode unload without a storage integration.</exception>
    /// <exception cref="DestinationException">Mode unload to a destination other than S3.</exception>
    public static TransferRun Create(string sourceTable, DestinationAddress? address, TransferOptions options)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.UnloadThresholdBytes);
        if (!Enum.IsDefined(options.Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "TransferOptions.Mode must be Stream, Unload or Auto.");
        }

        var format = OutputFormats.Find(options.Format);
        var writer = options.Writer with { Compression = options.Compression };
        var file = format.DescribeFile(writer); // a compression the format cannot write fails here
        var upload = new DestinationUploadOptions
        {
            ContentType = file.ContentType,
            Overwrite = options.Overwrite,
            ConditionalWrite = options.ConditionalWrite,
            PartSize = options.PartSize,
        };
        upload.Validate();
        var destinationPrefix = address?.Prefix ?? "";
        var keyPrefix = KeyPrefixOf(options);
        var unloadFormat = UnloadFileFormatOf(format) ?? UnloadFileFormat.Parquet;
        // Read only when an unload may run: a stream never names the integration, so an odd one must not stop it.
        var integration = options.Mode == TransferMode.Stream || string.IsNullOrWhiteSpace(options.StorageIntegration)
            ? null
            : IdentifierParser.Parse(options.StorageIntegration, 1, "storage integration")[0];
        var cannotUnload = options.Mode == TransferMode.Stream ? null : UnloadRefusal(address, options, format, integration);
        if (options.Mode == TransferMode.Unload && cannotUnload is not null)
        {
            throw cannotUnload;
        }

        if (options.UnloadRunName is { } run && (run.Length is 0 or > 200 || !run.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') || run is "." or ".."))
        {
            throw new ArgumentException("The unload's run name must be 1 to 200 letters, digits, '.', '_' or '-'.", nameof(options));
        }

        return new TransferRun
        {
            SourceTable = sourceTable,
            Address = address,
            Mode = options.Mode,
            PlanOptions = options.Plan,
            Format = format,
            Writer = writer,
            File = file,
            KeyPrefix = keyPrefix.Length == 0 ? destinationPrefix : ObjectKeys.Join(destinationPrefix, keyPrefix),
            KeyTemplate = string.IsNullOrWhiteSpace(options.KeyTemplate) ? null : options.KeyTemplate,
            Upload = upload,
            Verify = options.Verify,
            WriteManifest = options.WriteManifest,
            StatementTimeout = options.StatementTimeout,
            Progress = options.Progress,
            CannotUnload = cannotUnload,
            UnloadFormat = unloadFormat,
            StorageIntegration = integration,
            UnloadMaxFileSize = options.UnloadMaxFileSize,
            UnloadRunName = options.UnloadRunName,
            UnloadThresholdBytes = options.UnloadThresholdBytes,
        };
    }

    /// <summary>
    /// <see cref="TransferOptions.KeyPrefix"/> without its leading and trailing slashes (<c>/daily/</c> is <c>daily</c>,
    /// for a streamed key and an unload folder alike), checked as <see cref="TransferDestinations.Parse"/> checks a
    /// destination's prefix; empty for none.
    /// </summary>
    /// <exception cref="ArgumentException">It could put a key outside the prefix: a '.' or '..' segment, an empty segment, a backslash…</exception>
    private static string KeyPrefixOf(TransferOptions options)
    {
        var keyPrefix = options.KeyPrefix;
        if (string.IsNullOrWhiteSpace(keyPrefix))
        {
            return "";
        }

        var trimmed = keyPrefix.Trim('/');
        return ObjectKeys.PrefixProblem(trimmed) is { } problem
            ? throw new ArgumentException(
                $"TransferOptions.KeyPrefix '{ObjectKeys.Printable(keyPrefix)}' has {problem}: write {ObjectKeys.PrefixRule}, e.g. exports/daily.",
                nameof(options))
            : trimmed;
    }

    /// <summary>
    /// Why an unload cannot honour the destination and options, as the exception mode unload throws (its message is
    /// also auto's reason to stream); null when it can. Messages name the library's options; the CLI maps them to its flags.
    /// </summary>
    private static Exception? UnloadRefusal(DestinationAddress? address, TransferOptions options, IOutputFormat format, SqlIdentifier? integration)
    {
        if (address is not { Kind: DestinationKind.S3 })
        {
            return new DestinationException(DestinationErrorKind.InvalidAddress,
                "An unload goes to S3 (Snowflake writes the files itself): give a bucket name or s3://bucket/prefix, or set TransferOptions.Mode to Stream for a local folder or a destination of your own.");
        }

        if (integration is null)
        {
            return new UnloadException(TransferMessages.NoStorageIntegration);
        }

        var unloadFormat = UnloadFileFormatOf(format);
        if (unloadFormat is null)
        {
            return new ArgumentException(
                $"An unload writes Parquet or CSV files, not {format.Name}: set TransferOptions.Format to parquet or csv, or set TransferOptions.Mode to Stream.", nameof(options));
        }

        var compression = unloadFormat == UnloadFileFormat.Parquet ? OutputCompression.Snappy : OutputCompression.Gzip;
        if (options.Compression != OutputCompression.Default && options.Compression != compression)
        {
            return new ArgumentException(
                $"An unload compresses {format.Name} with {compression.ToString().ToLowerInvariant()} only: leave TransferOptions.Compression at its default, or set TransferOptions.Mode to Stream.",
                nameof(options));
        }

        if (!string.IsNullOrWhiteSpace(options.KeyTemplate))
        {
            return new ArgumentException(
                "TransferOptions.KeyTemplate names one file, but an unload writes a run folder of files and a manifest: leave TransferOptions.KeyTemplate unset, or set TransferOptions.Mode to Stream.",
                nameof(options));
        }

        if (options.Verify)
        {
            return new ArgumentException(
                "TransferOptions.Verify reads one file back; an unload checks its files against Snowflake's report by listing them instead: leave TransferOptions.Verify off, or set TransferOptions.Mode to Stream.",
                nameof(options));
        }

        return options.WriteManifest
            ? null
            : new ArgumentException(
                "An unload always writes its manifest (it marks the run complete): leave TransferOptions.WriteManifest on, or set TransferOptions.Mode to Stream.", nameof(options));
    }

    private static UnloadFileFormat? UnloadFileFormatOf(IOutputFormat format) => format.Name switch
    {
        ParquetOutputFormat.FormatName => UnloadFileFormat.Parquet,
        "csv" => UnloadFileFormat.Csv,
        _ => null,
    };
}
