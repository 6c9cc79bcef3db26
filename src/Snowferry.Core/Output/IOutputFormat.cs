namespace Snowferry.Output;

/// <summary>
/// A file format snowferry can write. Implementations are stateless, public, sealed and have a public parameterless
/// constructor: <see cref="OutputFormats"/> finds them in this assembly, so a new format is one new type: it writes
/// files and counts their rows back, which is all <c>--verify</c> asks of it.
/// </summary>
public interface IOutputFormat
{
    /// <summary>The name users pick the format by, lower case (<c>parquet</c>, <c>csv</c>, <c>jsonl</c>, <c>json</c>).</summary>
    string Name { get; }

    /// <summary>File extension with its dot, without compression (<c>.parquet</c>, <c>.csv</c>).</summary>
    string FileExtension { get; }

    /// <summary>MIME type of an uncompressed file.</summary>
    string ContentType { get; }

    /// <summary>Extension and content type of the file written with <paramref name="options"/> (e.g. <c>.csv.gz</c>).</summary>
    /// <exception cref="ArgumentException">The options' compression is not one this format supports.</exception>
    OutputFileType DescribeFile(OutputWriterOptions options);

    /// <summary>Creates a writer of <paramref name="schema"/> to <paramref name="destination"/> (which it never disposes).</summary>
    /// <exception cref="ArgumentException">Empty schema, duplicate or empty names, or options this format cannot honour.</exception>
    ITableWriter CreateWriter(IReadOnlyList<OutputColumn> schema, Stream destination, OutputWriterOptions options);

    /// <summary>
    /// Counts the data rows (no header) of a file this format wrote with <paramref name="options"/>, undoing its own
    /// compression. <paramref name="file"/> holds the file and nothing else; it is read with bounded memory and never
    /// disposed, and a format that needs to seek copes with a stream that cannot (an S3 response).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a file of this format written with these options.</exception>
    /// <exception cref="ArgumentException">The options' compression is not one this format supports.</exception>
    ValueTask<long> CountRowsAsync(Stream file, OutputWriterOptions options, CancellationToken cancellationToken);
}
