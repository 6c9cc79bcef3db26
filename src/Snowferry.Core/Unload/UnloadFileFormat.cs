namespace Snowferry.Unload;

/// <summary>The files Snowflake writes in an unload.</summary>
public enum UnloadFileFormat
{
    /// <summary>Parquet, Snappy-compressed, typed columns named after the output columns (the default).</summary>
    Parquet,

    /// <summary>CSV, gzip-compressed, with a header line; NULL written as <c>\N</c> (Snowflake's default).</summary>
    Csv,
}
