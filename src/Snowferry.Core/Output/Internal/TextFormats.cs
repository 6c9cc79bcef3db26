namespace Snowferry.Output.Internal;

/// <summary>Option checks and file naming shared by the text formats (whole-file gzip or nothing).</summary>
internal static class TextFormats
{
    public static bool IsGzip(IOutputFormat format, OutputWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Compression switch
        {
            OutputCompression.Default or OutputCompression.None => false,
            OutputCompression.Gzip => true,
            _ => throw new ArgumentException(
                $"The {format.Name} format supports compression none or gzip, not {options.Compression.ToString().ToLowerInvariant()}.", nameof(options)),
        };
    }

    public static OutputFileType Describe(IOutputFormat format, OutputWriterOptions options) =>
        IsGzip(format, options)
            ? new OutputFileType(format.FileExtension + ".gz", "application/gzip")
            : new OutputFileType(format.FileExtension, format.ContentType);

    public static OutputColumn[] Prepare(IOutputFormat format, IReadOnlyList<OutputColumn> schema, Stream destination, OutputWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(destination);
        IsGzip(format, options);
        return OutputSchema.Validate(schema);
    }
}
