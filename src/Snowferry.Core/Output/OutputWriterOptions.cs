namespace Snowferry.Output;

/// <summary>How a writer writes; every property has a default that suits a file handed to an outside party.</summary>
public sealed record OutputWriterOptions
{
    /// <summary>Default rows per Parquet row group (128 Ki).</summary>
    public const int DefaultMaxRowGroupRows = 128 * 1024;

    /// <summary>Default plain (unencoded) value bytes per Parquet row group before it is closed early (64 MiB).</summary>
    public const long DefaultMaxRowGroupBytes = 64L * 1024 * 1024;

    /// <summary>Default bytes a text writer gathers before it writes them to the destination (1 MiB).</summary>
    public const int DefaultFlushThresholdBytes = 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static OutputWriterOptions Default { get; } = new();

    /// <summary>Compression; <see cref="OutputCompression.Default"/> is Snappy for Parquet and none for text.</summary>
    public OutputCompression Compression { get; init; } = OutputCompression.Default;

    /// <summary>Parquet: most rows in one row group (a writer holds one row group in memory). 1 .. 2^30.</summary>
    public int MaxRowGroupRows { get; init; } = DefaultMaxRowGroupRows;

    /// <summary>
    /// Parquet: a row group is closed early once its values reach this many bytes before encoding (an upper bound on
    /// what the writer buffers: dictionary encoding and compression only shrink it). At least 64 KiB.
    /// </summary>
    public long MaxRowGroupBytes { get; init; } = DefaultMaxRowGroupBytes;

    /// <summary>CSV/JSON: bytes gathered in the pooled buffer before they are written out. 4 KiB .. 64 MiB.</summary>
    public int FlushThresholdBytes { get; init; } = DefaultFlushThresholdBytes;

    /// <summary>Checks every property's range once, when a writer is created.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A property is out of its documented range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "Unknown compression.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRowGroupRows, 1, nameof(MaxRowGroupRows));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRowGroupRows, 1 << 30, nameof(MaxRowGroupRows));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRowGroupBytes, 64 * 1024, nameof(MaxRowGroupBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(FlushThresholdBytes, 4 * 1024, nameof(FlushThresholdBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FlushThresholdBytes, 64 * 1024 * 1024, nameof(FlushThresholdBytes));
    }
}
