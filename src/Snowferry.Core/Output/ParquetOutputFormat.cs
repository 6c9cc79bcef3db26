using ParquetSharp;
using Snowferry.Output.Internal;

namespace Snowferry.Output;

/// <summary>
/// Apache Parquet, the default, written by Arrow C++ through ParquetSharp: dictionary encoding, Snappy unless asked
/// otherwise (zstd, gzip, none), row groups of at most <see cref="OutputWriterOptions.MaxRowGroupRows"/> rows. Types:
/// NUMBER → DECIMAL(p, s) exact to 38 digits (16-byte fixed), FLOAT → DOUBLE, DATE → DATE, TIME → TIME(NANOS),
/// TIMESTAMP_NTZ → TIMESTAMP (not UTC-adjusted), LTZ/TZ → TIMESTAMP adjusted to UTC (the TZ offset is dropped),
/// microseconds for scale ≤ 6 and nanoseconds above, text → STRING, semi-structured → JSON, binary → BYTE_ARRAY.
/// </summary>
public sealed class ParquetOutputFormat : IOutputFormat
{
    /// <summary>The format's name, <c>parquet</c>.</summary>
    public const string FormatName = "parquet";

    /// <inheritdoc/>
    public string Name => FormatName;

    /// <inheritdoc/>
    public string FileExtension => ".parquet";

    /// <inheritdoc/>
    public string ContentType => "application/vnd.apache.parquet";

    /// <inheritdoc/>
    public OutputFileType DescribeFile(OutputWriterOptions options)
    {
        ToCodec(options);
        return new OutputFileType(FileExtension, ContentType);
    }

    /// <inheritdoc/>
    public ITableWriter CreateWriter(IReadOnlyList<OutputColumn> schema, Stream destination, OutputWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var codec = ToCodec(options);
        return new ParquetTableWriter(OutputSchema.Validate(schema), destination, options, codec);
    }

    /// <inheritdoc/>
    public ValueTask<long> CountRowsAsync(Stream file, OutputWriterOptions options, CancellationToken cancellationToken)
    {
        ToCodec(options);
        return ParquetRowCounter.CountAsync(file, cancellationToken);
    }

    private static Compression ToCodec(OutputWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Compression switch
        {
            OutputCompression.None => Compression.Uncompressed,
            OutputCompression.Gzip => Compression.Gzip,
            OutputCompression.Zstd => Compression.Zstd,
            _ => Compression.Snappy,
        };
    }
}
