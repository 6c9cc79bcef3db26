using System.Globalization;
using System.Text;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Planning.Sql;

namespace Snowferry.Unload;

/// <summary>
/// <c>COPY INTO 's3://bucket/prefix/' FROM (query) STORAGE_INTEGRATION = … FILE_FORMAT = (…) HEADER = TRUE
/// MAX_FILE_SIZE = n DETAILED_OUTPUT = TRUE</c> as a tree (docs.snowflake.com/en/sql-reference/sql/copy-into-location).
/// The URL is a checked string literal, the integration a quoted identifier, the query a <see cref="SqlSelect"/>:
/// nothing from the user is pasted into the text. Never <c>SINGLE</c> (one file caps at 5 GB) and never
/// <c>CREDENTIALS</c> (keys would sit in the query history).
/// </summary>
internal sealed record UnloadStatement
{
    /// <summary>The default <see cref="MaxFileSize"/> (<see cref="UnloadLimits.DefaultMaxFileSize"/>).</summary>
    public const long DefaultMaxFileSize = UnloadLimits.DefaultMaxFileSize;

    /// <summary>The largest <see cref="MaxFileSize"/> (<see cref="UnloadLimits.MaxFileSizeLimit"/>).</summary>
    public const long MaxFileSizeLimit = UnloadLimits.MaxFileSizeLimit;

    /// <summary>The bucket written to.</summary>
    public required string Bucket { get; init; }

    /// <summary>The folder the files go in, ending with <c>/</c> (so Snowflake names them <c>data_…</c>).</summary>
    public required string Prefix { get; init; }

    /// <summary>The query whose result is unloaded.</summary>
    public required SqlSelect Query { get; init; }

    /// <summary>The storage integration.</summary>
    public required SqlIdentifier StorageIntegration { get; init; }

    /// <summary>The file format.</summary>
    public UnloadFileFormat Format { get; init; } = UnloadFileFormat.Parquet;

    /// <summary>MAX_FILE_SIZE in bytes, 1 to <see cref="MaxFileSizeLimit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of that range.</exception>
    public long MaxFileSize
    {
        get;
        init => field = CheckMaxFileSize(value, nameof(MaxFileSize));
    } = DefaultMaxFileSize;

    /// <summary>The location as Snowflake reads it: <c>s3://bucket/prefix/</c>.</summary>
    public string Url => "s3://" + Bucket + "/" + Prefix;

    /// <summary>The statement's text, one clause per line.</summary>
    /// <exception cref="DestinationException">The bucket or prefix cannot be written as an S3 URL.</exception>
    public string ToSql()
    {
        S3BucketNames.Validate(Bucket);
        CheckPrefix(Prefix);

        var sql = new StringBuilder();
        sql.Append("COPY INTO ").Append(SqlRenderer.StringLiteral(Url)).Append('\n');
        sql.Append("FROM (\n").Append(SqlRenderer.Render(Query)).Append("\n)\n");
        sql.Append("STORAGE_INTEGRATION = ").Append(StorageIntegration.ToSql()).Append('\n');
        sql.Append(Format == UnloadFileFormat.Parquet
            ? "FILE_FORMAT = (TYPE = PARQUET COMPRESSION = SNAPPY)\n"
            : "FILE_FORMAT = (TYPE = CSV COMPRESSION = GZIP)\n");
        sql.Append("HEADER = TRUE\n");
        sql.Append(CultureInfo.InvariantCulture, $"MAX_FILE_SIZE = {MaxFileSize}\n");
        sql.Append("DETAILED_OUTPUT = TRUE");
        return sql.ToString();
    }

    /// <summary>The one rule for MAX_FILE_SIZE, shared by the statement and <c>TransferOptions.UnloadMaxFileSize</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Out of [1, <see cref="MaxFileSizeLimit"/>].</exception>
    internal static long CheckMaxFileSize(long value, string name) => value is < 1 or > MaxFileSizeLimit
        ? throw new ArgumentOutOfRangeException(name, value, $"The unload's maximum file size must be between 1 and {MaxFileSizeLimit} bytes (Snowflake's MAX_FILE_SIZE).")
        : value;

    /// <summary>
    /// A run folder Snowflake reads as written, and the last look before Snowflake writes there: the destination's prefix,
    /// the key prefix option and the table's segment are checked where they are made, but quotes and backslashes would
    /// change the URL literal's meaning, and a '.' or '..' segment would move the files for any reader that resolves paths.
    /// </summary>
    private static void CheckPrefix(string prefix)
    {
        if (!prefix.EndsWith('/') || prefix.StartsWith('/') || prefix[..^1].Split('/').Any(s => s is "" or "." or "..") || prefix.Any(char.IsControl) ||
            prefix.Contains('\'', StringComparison.Ordinal) || prefix.Contains('\\', StringComparison.Ordinal))
        {
            throw new DestinationException(DestinationErrorKind.InvalidAddress,
                "The S3 prefix of an unload must end with '/' and must not start with '/', hold empty, '.' or '..' segments, quotes, backslashes or control characters.");
        }
    }

    /// <summary>Same as <see cref="ToSql"/>.</summary>
    public override string ToString() => ToSql();
}
