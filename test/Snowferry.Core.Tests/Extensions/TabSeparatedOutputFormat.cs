using System.Globalization;
using System.Text;
using Snowferry.Output;
using Snowferry.Snowflake.Client;

namespace Snowferry.Tests.Extensions;

/// <summary>
/// A toy format written outside <c>src/</c> to show a format is one type: tab-separated text, a header line, <c>\N</c>
/// for NULL, and tab, line feed, carriage return and backslash escaped, so a raw line feed always ends a row.
/// Uncompressed only.
/// </summary>
public sealed class TabSeparatedOutputFormat : IOutputFormat
{
    public string Name => "tsv";

    public string FileExtension => ".tsv";

    public string ContentType => "text/tab-separated-values; charset=utf-8";

    public OutputFileType DescribeFile(OutputWriterOptions options)
    {
        Check(options);
        return new OutputFileType(FileExtension, ContentType);
    }

    public ITableWriter CreateWriter(IReadOnlyList<OutputColumn> schema, Stream destination, OutputWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(destination);
        Check(options);
        if (schema.Count == 0 || schema.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != schema.Count)
        {
            throw new ArgumentException("A TSV file needs at least one column and distinct names.", nameof(schema));
        }

        return new Writer([.. schema], destination);
    }

    public async ValueTask<long> CountRowsAsync(Stream file, OutputWriterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        Check(options);
        long lines = 0;
        var buffer = new byte[4096];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines == 0 ? throw new InvalidDataException("A TSV file has at least its header line.") : lines - 1;
    }

    private static void Check(OutputWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Compression is not (OutputCompression.Default or OutputCompression.None))
        {
            throw new ArgumentException($"The tsv format is uncompressed, not {options.Compression}.", nameof(options));
        }
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static string Format(object? value) => value switch
    {
        null => "\\N",
        byte[] bytes => Convert.ToHexString(bytes),
        _ => Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private sealed class Writer(OutputColumn[] schema, Stream destination) : ITableWriter
    {
        private bool _headerWritten;
        private bool _done;

        public IReadOnlyList<OutputColumn> Schema => schema;

        public long RowsWritten { get; private set; }

        public long BytesWritten { get; private set; }

        public async ValueTask WriteBatchAsync(SnowflakeRowBatch batch, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(batch);
            ObjectDisposedException.ThrowIf(_done, this);
            cancellationToken.ThrowIfCancellationRequested();
            var text = new StringBuilder();
            for (var row = 0; row < batch.RowCount; row++)
            {
                text.AppendJoin('\t', Enumerable.Range(0, schema.Length).Select(c => Format(batch[row, c]))).Append('\n');
            }

            await WriteAsync(text.ToString(), cancellationToken);
            RowsWritten += batch.RowCount;
        }

        public async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            await WriteAsync(string.Empty, cancellationToken);
            await destination.FlushAsync(cancellationToken);
            _done = true;
        }

        public ValueTask DisposeAsync()
        {
            _done = true;
            return ValueTask.CompletedTask;
        }

        private async Task WriteAsync(string rows, CancellationToken cancellationToken)
        {
            var text = _headerWritten ? rows : string.Join('\t', schema.Select(c => Escape(c.Name))) + "\n" + rows;
            _headerWritten = true;
            var bytes = Encoding.UTF8.GetBytes(text);
            await destination.WriteAsync(bytes, cancellationToken);
            BytesWritten += bytes.Length;
        }
    }
}
