using Snowferry.Output.Internal;

namespace Snowferry.Output;

/// <summary>
/// One JSON array of row objects (<c>[]</c> when there are no rows), one object per line; values as in
/// <see cref="JsonLinesOutputFormat"/>. Readers usually load a whole array at once: prefer <c>jsonl</c> for large outputs.
/// </summary>
public sealed class JsonArrayOutputFormat : IOutputFormat
{
    /// <inheritdoc/>
    public string Name => "json";

    /// <inheritdoc/>
    public string FileExtension => ".json";

    /// <inheritdoc/>
    public string ContentType => "application/json";

    /// <inheritdoc/>
    public OutputFileType DescribeFile(OutputWriterOptions options) => TextFormats.Describe(this, options);

    /// <inheritdoc/>
    public ITableWriter CreateWriter(IReadOnlyList<OutputColumn> schema, Stream destination, OutputWriterOptions options) =>
        new JsonTableWriter(TextFormats.Prepare(this, schema, destination, options), destination, options, array: true);

    /// <inheritdoc/>
    public ValueTask<long> CountRowsAsync(Stream file, OutputWriterOptions options, CancellationToken cancellationToken) =>
        TextRowCounter.CountJsonArrayAsync(this, file, options, cancellationToken);
}
