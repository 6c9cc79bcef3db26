using Snowferry.Output.Internal;

namespace Snowferry.Output;

/// <summary>
/// RFC 4180 CSV, UTF-8 without BOM: a header row, comma separated, CRLF line ends, fields quoted only when they hold a
/// comma, quote, CR or LF. NULL is an empty field; an empty string is <c>""</c>. Decimals keep their scale digit for
/// digit, dates are <c>yyyy-MM-dd</c>, timestamps ISO 8601 (<c>Z</c> for LTZ, the offset for TZ, none for NTZ),
/// booleans <c>true</c>/<c>false</c>, binary upper-case hex. Gzip compresses the whole file.
/// </summary>
public sealed class CsvOutputFormat : IOutputFormat
{
    /// <inheritdoc/>
    public string Name => "csv";

    /// <inheritdoc/>
    public string FileExtension => ".csv";

    /// <inheritdoc/>
    public string ContentType => "text/csv; charset=utf-8; header=present";

    /// <inheritdoc/>
    public OutputFileType DescribeFile(OutputWriterOptions options) => TextFormats.Describe(this, options);

    /// <inheritdoc/>
    public ITableWriter CreateWriter(IReadOnlyList<OutputColumn> schema, Stream destination, OutputWriterOptions options) =>
        new CsvTableWriter(TextFormats.Prepare(this, schema, destination, options), destination, options);

    /// <inheritdoc/>
    public ValueTask<long> CountRowsAsync(Stream file, OutputWriterOptions options, CancellationToken cancellationToken) =>
        TextRowCounter.CountCsvAsync(this, file, options, cancellationToken);
}
