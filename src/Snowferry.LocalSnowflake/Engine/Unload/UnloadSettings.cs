using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine.Unload;

internal enum UnloadFormat
{
    Parquet,
    Csv,
}

/// <summary>
/// The options of one <c>COPY INTO &lt;location&gt;</c>, read and checked as Snowflake documents them
/// (docs.snowflake.com/en/sql-reference/sql/copy-into-location): defaults, ranges and the combinations it refuses.
/// What this engine does not implement is refused, never ignored.
/// </summary>
internal sealed record UnloadSettings
{
    /// <summary>Snowflake's default MAX_FILE_SIZE (16 MB) and its maximum (5 GB).</summary>
    public const long DefaultMaxFileSize = 16_777_216;

    public const long MaxMaxFileSize = 5_368_709_120;

    public string? StorageIntegration { get; init; }

    public UnloadFormat Format { get; init; } = UnloadFormat.Csv;

    /// <summary>Snappy for Parquet, gzip for CSV (AUTO); false for NONE.</summary>
    public bool Compressed { get; init; } = true;

    public bool Header { get; init; }

    public long MaxFileSize { get; init; } = DefaultMaxFileSize;

    public bool Single { get; init; }

    public bool Overwrite { get; init; }

    public bool DetailedOutput { get; init; }

    public bool IncludeQueryId { get; init; }

    public string FieldDelimiter { get; init; } = ",";

    public string NullString { get; init; } = "\\N";

    public string? EnclosedBy { get; init; }

    /// <summary>The file extension Snowflake gives a file of this format and compression.</summary>
    public string Extension => (Format, Compressed) switch
    {
        (UnloadFormat.Parquet, true) => ".snappy.parquet",
        (UnloadFormat.Parquet, false) => ".parquet",
        (UnloadFormat.Csv, true) => ".csv.gz",
        _ => ".csv",
    };

    public static UnloadSettings Read(IReadOnlyList<CopyOption> options)
    {
        var settings = new UnloadSettings();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (!seen.Add(option.Name))
            {
                throw SqlErrors.Syntax(option.Span.Line, option.Span.Column, $"unexpected '{option.Name}'");
            }

            settings = option.Name switch
            {
                "STORAGE_INTEGRATION" => settings with { StorageIntegration = Keyword(option) },
                "CREDENTIALS" => throw SqlErrors.NotImplemented(
                    "COPY INTO <location> with CREDENTIALS (name a STORAGE_INTEGRATION instead: keys in SQL end up in the query history)"),
                "ENCRYPTION" or "PARTITION" or "PARTITION_BY" => throw SqlErrors.NotImplemented("COPY INTO <location> " + option.Name),
                "FILE_FORMAT" => FileFormat(settings, option),
                "HEADER" => settings with { Header = Bool(option) },
                "MAX_FILE_SIZE" => settings with { MaxFileSize = Number(option, 1, MaxMaxFileSize) },
                "SINGLE" => settings with { Single = Bool(option) },
                "OVERWRITE" => settings with { Overwrite = Bool(option) },
                "DETAILED_OUTPUT" => settings with { DetailedOutput = Bool(option) },
                "INCLUDE_QUERY_ID" => settings with { IncludeQueryId = Bool(option) },
                _ => throw SqlErrors.NotImplemented("COPY INTO <location> option " + option.Name),
            };
        }

        if (settings.IncludeQueryId && (settings.Single || settings.Overwrite))
        {
            // Documented: INCLUDE_QUERY_ID = TRUE is not supported with SINGLE = TRUE or OVERWRITE = TRUE.
            throw new SnowflakeSqlException("001008", "22023",
                "SQL compilation error:\nInvalid value for copy option INCLUDE_QUERY_ID: it cannot be TRUE when SINGLE or OVERWRITE is TRUE.");
        }

        return settings;
    }

    private static UnloadSettings FileFormat(UnloadSettings settings, CopyOption option)
    {
        if (option.Value.Options is not { } nested)
        {
            throw SqlErrors.Syntax(option.Value.Span.Line, option.Value.Span.Column, $"unexpected '{option.Value.Text}'");
        }

        string? compression = null;
        var format = UnloadFormat.Csv;
        foreach (var item in nested)
        {
            switch (item.Name)
            {
                case "TYPE":
                    format = Keyword(item) switch
                    {
                        "PARQUET" => UnloadFormat.Parquet,
                        "CSV" => UnloadFormat.Csv,
                        var other => throw SqlErrors.NotImplemented("COPY INTO <location> FILE_FORMAT TYPE " + other),
                    };
                    break;
                case "COMPRESSION":
                    compression = Keyword(item);
                    break;
                case "FIELD_DELIMITER":
                    settings = settings with { FieldDelimiter = Text(item) };
                    break;
                case "NULL_IF":
                    settings = settings with { NullString = item.Value.Strings is { Count: 0 } ? "" : Text(item) };
                    break;
                case "FIELD_OPTIONALLY_ENCLOSED_BY":
                    settings = settings with { EnclosedBy = item.Value.Kind == TokenKind.Identifier && item.Value.Text == "NONE" ? null : Text(item) };
                    break;
                default:
                    throw SqlErrors.NotImplemented("COPY INTO <location> FILE_FORMAT option " + item.Name);
            }
        }

        var compressed = (format, compression) switch
        {
            (_, null or "AUTO") => true,
            (_, "NONE") => false,
            (UnloadFormat.Parquet, "SNAPPY") => true,
            (UnloadFormat.Csv, "GZIP") => true,
            _ => throw SqlErrors.NotImplemented($"COPY INTO <location> {format.ToString().ToUpperInvariant()} COMPRESSION {compression}"),
        };
        return settings with { Format = format, Compressed = compressed };
    }

    private static string Keyword(CopyOption option) =>
        option.Value.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier or TokenKind.String
            ? option.Value.Text
            : throw Invalid(option);

    private static string Text(CopyOption option) =>
        option.Value.Kind == TokenKind.String ? option.Value.Text : throw Invalid(option);

    private static bool Bool(CopyOption option) => option.Value switch
    {
        { Kind: TokenKind.Identifier, Text: "TRUE" } => true,
        { Kind: TokenKind.Identifier, Text: "FALSE" } => false,
        _ => throw Invalid(option),
    };

    private static long Number(CopyOption option, long min, long max) =>
        option.Value.Kind == TokenKind.Number &&
        long.TryParse(option.Value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(option);

    private static SnowflakeSqlException Invalid(CopyOption option) =>
        new("001008", "22023", $"SQL compilation error:\ninvalid value [{option.Value.Text}] for parameter '{option.Name}'");
}
