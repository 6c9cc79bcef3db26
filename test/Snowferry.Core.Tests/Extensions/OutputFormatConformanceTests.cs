using Snowferry.Output;
using Snowferry.Tests.Output;
using static Snowferry.Tests.Output.TestBatches;

namespace Snowferry.Tests.Extensions;

/// <summary>
/// What every <see cref="IOutputFormat"/> does, run for each format <see cref="OutputFormats"/> knows and for the toy
/// <see cref="TabSeparatedOutputFormat"/>, with each compression the format accepts: a table of every column type
/// written to deterministic bytes, and its rows counted back, seekable or not, empty or not.
/// </summary>
public sealed class OutputFormatConformanceTests
{
    private static readonly IOutputFormat[] s_formats = [.. OutputFormats.All, new TabSeparatedOutputFormat()];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every format with every compression its <see cref="IOutputFormat.DescribeFile"/> accepts.</summary>
    public static TheoryData<string, OutputCompression> Cases
    {
        get
        {
            var cases = new TheoryData<string, OutputCompression>();
            foreach (var format in s_formats)
            {
                foreach (var compression in Enum.GetValues<OutputCompression>().Where(c => Accepts(format, c)))
                {
                    cases.Add(format.Name, compression);
                }
            }

            return cases;
        }
    }

    /// <summary>AllTypes' rows, then rows whose text holds what a naive counter would take for structure.</summary>
    private static List<object?[]> Rows
    {
        get
        {
            string[] texts = ["a\nb", "\"{[\"", "}],\r\n\"x", "tab\there\\", "\n\n"];
            var rows = AllTypes.Rows.ToList();
            foreach (var text in texts)
            {
                var row = (object?[])AllTypes.Rows[0].Clone();
                row[3] = text;
                row[10] = "{\"s\": \"}]\\\"{\\n\"}";
                rows.Add(row);
            }

            return rows;
        }
    }

    [Fact]
    public void Cases_EveryKnownFormatAndTheToy_Included() =>
        Assert.Equal(
            [.. OutputFormats.All.Select(f => f.Name), "tsv"],
            Cases.Select(c => c.Data.Item1).Distinct());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CreateWriter_EveryColumnType_WritesTheSameNonEmptyBytesTwice(string name, OutputCompression compression)
    {
        var format = Find(name);

        var first = await WriteAsync(format, compression, Rows);
        var second = await WriteAsync(format, compression, Rows);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.StartsWith(format.FileExtension, format.DescribeFile(Options(compression)).Extension, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CountRowsAsync_WrittenFile_ReturnsTheRowsWritten(string name, OutputCompression compression)
    {
        var format = Find(name);
        var rows = Enumerable.Repeat(Rows, 40).SelectMany(r => r).ToList();
        using var file = new MemoryStream(await WriteAsync(format, compression, rows));

        var count = await format.CountRowsAsync(file, Options(compression), Ct);

        Assert.Equal(rows.Count, count);
        Assert.True(file.CanRead, "the caller's stream is left open");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CountRowsAsync_StreamThatCannotSeek_ReturnsTheRowsWritten(string name, OutputCompression compression)
    {
        var format = Find(name);
        using var file = new ForwardOnlyStream(await WriteAsync(format, compression, Rows));

        var count = await format.CountRowsAsync(file, Options(compression), Ct);

        Assert.Equal(Rows.Count, count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CountRowsAsync_EmptyTable_ReturnsZero(string name, OutputCompression compression)
    {
        var format = Find(name);
        using var file = new MemoryStream(await WriteAsync(format, compression, []));

        Assert.Equal(0, await format.CountRowsAsync(file, Options(compression), Ct));
    }

    [Theory]
    [InlineData("parquet", OutputCompression.Default)]
    [InlineData("parquet", OutputCompression.Zstd)]
    [InlineData("csv", OutputCompression.Gzip)]
    [InlineData("jsonl", OutputCompression.Gzip)]
    [InlineData("json", OutputCompression.Gzip)]
    public async Task CountRowsAsync_OtherBytes_ThrowsInvalidDataException(string name, OutputCompression compression)
    {
        using var file = new ForwardOnlyStream("this is not a file of any format, nor a gzip stream"u8.ToArray());

        await Assert.ThrowsAsync<InvalidDataException>(async () => await Find(name).CountRowsAsync(file, Options(compression), Ct));
    }

    private static IOutputFormat Find(string name) => s_formats.Single(f => f.Name == name);

    private static OutputWriterOptions Options(OutputCompression compression) =>
        new() { Compression = compression, MaxRowGroupRows = 64 };

    private static bool Accepts(IOutputFormat format, OutputCompression compression)
    {
        try
        {
            format.DescribeFile(Options(compression));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Task<byte[]> WriteAsync(IOutputFormat format, OutputCompression compression, List<object?[]> rows) =>
        TestBatches.WriteAsync(format, AllTypes.Schema, Split(AllTypes.Columns, rows, 3, 7), Options(compression));

    /// <summary>A stream that reads forward only, as an S3 response body does.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes, writable: false);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
