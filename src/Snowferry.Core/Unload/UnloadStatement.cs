using System.Globalization;
using System.Text;
using Snowferry.Destinations;
using Snowferry.Planning.Sql;

namespace Snowferry.Unload;

/// <summary>
/// <c>COPY INTO 's3://bucket/prefix/' FROM (query) STORAGE_INTEGRATION = … FILE_FORMAT = (…) HEADER = TRUE
/// MAX_FILE_SIZE = n DETAILED_OUTPUT = TRUE</c> as a tree (docs.snowflake.com/en/sql-reference/sql/copy-into-location).
/// The URL is a checked string literal, the integration a quoted identifier, the query a <see cref="SqlSelect"/>:
/// nothing from the user is pasted into the text. Never <c>SINGLE</c> (one file caps at 5 GB) and never
/// <c>CREDENTIALS</c> (keys would sit in the query history).
/// </summary>
public sealed record UnloadStatement
{
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

    /// <summary>MAX_FILE_SIZE in bytes.</summary>
    public long MaxFileSize { get; init; } = UnloadOptions.DefaultMaxFileSize;

    /// <summary>The location as Snowflake reads it: <c>s3://bucket/prefix/</c>.</summary>
    public string Url => "s3://" + Bucket + "/" + Prefix;

    /// <summary>The statement's text, one clause per line.</summary>
    /// <exception cref="DestinationException">The bucket or prefix cannot be written as an S3 URL.</exception>
    public string ToSql()
    {
        S3Url.Check(Bucket, Prefix);
        if (!Prefix.EndsWith('/'))
        {
            throw new DestinationException(DestinationErrorKind.InvalidAddress, "An unload prefix must end with '/'.");
        }

        if (MaxFileSize is < 1 or > UnloadOptions.MaxFileSizeLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFileSize), MaxFileSize, "MAX_FILE_SIZE must be in [1, 5368709120].");
        }

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

    /// <summary>Same as <see cref="ToSql"/>.</summary>
    public override string ToString() => ToSql();
}
