namespace Snowferry.Output;

/// <summary>Compression of the written file: inside Parquet pages, or of the whole text file.</summary>
public enum OutputCompression
{
    /// <summary>The format's default: Snappy for Parquet, none for text formats.</summary>
    Default,

    /// <summary>No compression.</summary>
    None,

    /// <summary>Snappy (Parquet only).</summary>
    Snappy,

    /// <summary>Zstandard (Parquet only).</summary>
    Zstd,

    /// <summary>Gzip: Parquet pages, or the whole CSV/JSON file (<c>.gz</c> appended to its extension).</summary>
    Gzip,
}
