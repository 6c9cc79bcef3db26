using System.IO.Compression;

namespace Snowferry.Output.Internal;

/// <summary>
/// Counts the rows of a text file a format wrote, undoing its whole-file gzip, scanning bytes with one fixed buffer:
/// UTF-8 never puts a quote, bracket or line feed byte inside a multi-byte character, so no decoding is needed.
/// </summary>
internal static class TextRowCounter
{
    private const int BufferSize = 1 << 16;

    /// <summary>The data records of CSV: records less the header row.</summary>
    public static async ValueTask<long> CountCsvAsync(IOutputFormat format, Stream file, OutputWriterOptions options, CancellationToken cancellationToken) =>
        Math.Max(0, await ScanAsync(format, file, options, new CsvRecords(), cancellationToken).ConfigureAwait(false) - 1);

    /// <summary>JSON Lines rows: non-blank lines.</summary>
    public static ValueTask<long> CountJsonLinesAsync(IOutputFormat format, Stream file, OutputWriterOptions options, CancellationToken cancellationToken) =>
        ScanAsync(format, file, options, new NonBlankLines(), cancellationToken);

    /// <summary>JSON array rows: the top-level array's object elements.</summary>
    public static ValueTask<long> CountJsonArrayAsync(IOutputFormat format, Stream file, OutputWriterOptions options, CancellationToken cancellationToken) =>
        ScanAsync(format, file, options, new ArrayElements(), cancellationToken);

    private static async ValueTask<long> ScanAsync(
        IOutputFormat format, Stream file, OutputWriterOptions options, IByteScanner scanner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var gzip = TextFormats.IsGzip(format, options);
        var text = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
        try
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await text.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                scanner.Scan(buffer.AsSpan(0, read));
            }

            return scanner.Count;
        }
        finally
        {
            if (gzip)
            {
                await text.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private interface IByteScanner
    {
        long Count { get; }

        void Scan(ReadOnlySpan<byte> bytes);
    }

    /// <summary>RFC 4180 records: line ends outside double quotes; a last record without a line end counts too.</summary>
    private sealed class CsvRecords : IByteScanner
    {
        private long _records;
        private bool _quoted;
        private bool _pending;

        public long Count => _records + (_pending ? 1 : 0);

        public void Scan(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b == (byte)'"')
                {
                    _quoted = !_quoted;
                    _pending = true;
                }
                else if (b == (byte)'\n' && !_quoted)
                {
                    _records++;
                    _pending = false;
                }
                else if (b != (byte)'\r')
                {
                    _pending = true;
                }
            }
        }
    }

    /// <summary>Non-blank lines: JSON escapes line feeds inside strings, so a raw one always ends a row.</summary>
    private sealed class NonBlankLines : IByteScanner
    {
        private long _lines;
        private bool _pending;

        public long Count => _lines + (_pending ? 1 : 0);

        public void Scan(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b == (byte)'\n')
                {
                    _lines += _pending ? 1 : 0;
                    _pending = false;
                }
                else if (b is not ((byte)'\r' or (byte)' ' or (byte)'\t'))
                {
                    _pending = true;
                }
            }
        }
    }

    /// <summary>The top-level array's object elements, following structure outside strings.</summary>
    private sealed class ArrayElements : IByteScanner
    {
        private long _elements;
        private int _depth;
        private bool _inString;
        private bool _escaped;

        public long Count => _elements;

        public void Scan(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (_inString)
                {
                    if (_escaped)
                    {
                        _escaped = false;
                    }
                    else if (b == (byte)'\\')
                    {
                        _escaped = true;
                    }
                    else if (b == (byte)'"')
                    {
                        _inString = false;
                    }

                    continue;
                }

                switch (b)
                {
                    case (byte)'"':
                        _inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        if (_depth == 1 && b == (byte)'{')
                        {
                            _elements++;
                        }

                        _depth++;
                        break;
                    case (byte)'}' or (byte)']':
                        _depth--;
                        break;
                }
            }
        }
    }
}
