namespace Snowferry.Unload;

/// <summary>The bounds of <c>TransferOptions.UnloadMaxFileSize</c>, Snowflake's <c>MAX_FILE_SIZE</c>.</summary>
public static class UnloadLimits
{
    /// <summary>The default: 256 MiB, a good Parquet file for downstream readers.</summary>
    public const long DefaultMaxFileSize = 268_435_456;

    /// <summary>Snowflake's cap on <c>MAX_FILE_SIZE</c> for a cloud location (5 GB).</summary>
    public const long MaxFileSizeLimit = 5_368_709_120;
}
