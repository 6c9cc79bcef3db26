using Snowferry.Output.Internal;

namespace Snowferry.Output;

/// <summary>
/// JSON Lines: one JSON object per row and line (LF), keys the column names. Decimals are exact JSON numbers (their
/// own digits and scale, never via a double: a consumer that parses numbers as doubles, such as JavaScript's
/// <c>JSON.parse</c>, loses digits beyond 15-17, while Python, Jackson with BigDecimal or DuckDB read them exactly);
/// NULL is null; dates and timestamps ISO 8601 strings; binary upper-case hex; semi-structured values embedded as JSON.
/// </summary>
public sealed class JsonLinesOutputFormat : IOutputFormat
{
    /// <inheritdoc/>
    public string Name => "jsonl";

    /// <inheritdoc/>
    public string FileExtension => ".jsonl";

    /// <inheritdoc/>
    public string ContentType => "application/jsonl";

    /// <inheritdoc/>
    public OutputFileType DescribeFile(OutputWriterOptions options) => TextFormats.Describe(this, options);

    /// <inheritdoc/>
    public ITableWriter CreateWriter(IReadOnlyList<OutputColumn> schema, Stream destination, OutputWriterOptions options) =>
        new JsonTableWriter(TextFormats.Prepare(this, schema, destination, options), destination, options, array: false);

    /// <inheritdoc/>
    public ValueTask<long> CountRowsAsync(Stream file, OutputWriterOptions options, CancellationToken cancellationToken) =>
        TextRowCounter.CountJsonLinesAsync(this, file, options, cancellationToken);
}
