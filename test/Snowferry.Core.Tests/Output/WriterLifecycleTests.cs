using Snowferry.Output;
using Snowferry.Snowflake.Values;
using Snowferry.Testing;
using static Snowferry.Tests.Output.TestBatches;

namespace Snowferry.Tests.Output;

public sealed class WriterLifecycleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> Formats => ["parquet", "csv", "jsonl", "json"];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task WriteBatchAsync_CancelledToken_ThrowsOperationCanceled(string format)
    {
        await using var writer = OutputFormats.Find(format).CreateWriter(AllTypes.Schema, new MemoryStream(), OutputWriterOptions.Default);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await writer.WriteBatchAsync(Create(AllTypes.Columns, AllTypes.Rows), new CancellationToken(canceled: true)));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task WriteBatchAsync_AfterComplete_ThrowsInvalidOperation(string format)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var writer = OutputFormats.Find(format).CreateWriter(AllTypes.Schema, new MemoryStream(), OutputWriterOptions.Default);
        await writer.WriteBatchAsync(Create(AllTypes.Columns, AllTypes.Rows), ct);
        await writer.CompleteAsync(ct);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await writer.WriteBatchAsync(Create(AllTypes.Columns, AllTypes.Rows), ct));
        Assert.Equal(3, writer.RowsWritten);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task DisposeAsync_WithoutComplete_SendsNothingMore(string format)
    {
        var ct = TestContext.Current.CancellationToken;
        using var output = new MemoryStream();
        var options = new OutputWriterOptions { Compression = OutputCompression.Gzip, FlushThresholdBytes = 4096 };
        var writer = OutputFormats.Find(format).CreateWriter(AllTypes.Schema, output, options);
        var rows = Enumerable.Repeat(AllTypes.Rows, 200).SelectMany(r => r).ToList();
        await writer.WriteBatchAsync(Create(AllTypes.Columns, rows), ct);
        var before = output.Length;

        await writer.DisposeAsync();

        Assert.Equal(before, output.Length);
    }

    [Fact]
    public async Task WriteBatchAsync_ParquetDestinationCancels_ThrowsTheCancellationNotParquetException()
    {
        var columns = Ordinals(Column("ID", SnowflakeType.Fixed, 38, 0), Column("NAME", SnowflakeType.Text));
        var random = new Random(7);
        var rows = Enumerable.Range(0, 40_000).Select(i => new object?[] { (SnowflakeDecimal)i, $"{random.NextInt64():X16}" }).ToList();
        await using var writer = OutputFormats.Find("parquet").CreateWriter(
            Schema(columns), new FailingStream(100_000), new OutputWriterOptions { MaxRowGroupRows = 8_192 });

        // Row groups close inside WriteBatchAsync, so the failure comes through ParquetSharp's native, synchronous sink.
        var error = await Assert.ThrowsAsync<OperationCanceledException>(
            async () => await writer.WriteBatchAsync(Create(columns, rows), TestContext.Current.CancellationToken));

        Assert.Equal(FailingStream.Message, error.Message);
    }

    [Fact]
    public async Task WriteBatchAsync_ParquetRowGroupByteCap_ClosesGroupsEarly()
    {
        var columns = Ordinals(Column("NAME", SnowflakeType.Text));
        var random = new Random(11);
        var rows = Enumerable.Range(0, 30_000).Select(_ => new object?[] { Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())) + random.Next() }).ToList();

        var file = await WriteAsync(OutputFormats.Default, Schema(columns), [Create(columns, rows)], new OutputWriterOptions { MaxRowGroupBytes = 64 * 1024 });
        using var reader = new ParquetReader(_temp.Path, file);

        var groups = reader.Query("SELECT count(DISTINCT row_group_id), sum(DISTINCT row_group_num_rows) FROM parquet_metadata({file})")[0];
        Assert.True(int.Parse(groups[0]!, System.Globalization.CultureInfo.InvariantCulture) > 1, $"{groups[0]} row groups");
        Assert.Equal("30000", reader.Query("SELECT count(*) FROM read_parquet({file})")[0][0]);
    }

    [Fact]
    public async Task WriteBatchAsync_ParquetDeclaredPrecisionAndOtherScale_RescaledExactly()
    {
        var columns = Ordinals(Column("PRICE", SnowflakeType.Fixed, 12, 1));
        var schema = new[] { new OutputColumn("PRICE", SnowflakeType.Fixed, 12, 2) };

        var file = await WriteAsync(OutputFormats.Default, schema, [Create(columns, [[SnowflakeDecimal.Parse("1.5")], [SnowflakeDecimal.Parse("-999999999.9")]])]);
        using var reader = new ParquetReader(_temp.Path, file);

        Assert.Equal("DECIMAL(12,2)", reader.Types()["PRICE"]);
        Assert.Equal(["1.50", "-999999999.90"], reader.Query("SELECT PRICE::VARCHAR FROM read_parquet({file})").Select(r => r[0]));
    }

    [Fact]
    public async Task WriteBatchAsync_ParquetValueBeyondPrecision_ThrowsWithRow()
    {
        var columns = Ordinals(Column("PRICE", SnowflakeType.Fixed, 38, 0));
        await using var writer = OutputFormats.Default.CreateWriter([new OutputColumn("PRICE", SnowflakeType.Fixed, 3, 0)], new MemoryStream(), OutputWriterOptions.Default);

        var error = await Assert.ThrowsAsync<OutputDataException>(async () =>
            await writer.WriteBatchAsync(Create(columns, [[(SnowflakeDecimal)999], [(SnowflakeDecimal)1000]]), TestContext.Current.CancellationToken));

        Assert.Equal(("PRICE", 1L), (error.ColumnName, error.RowIndex));
    }

    /// <summary>A destination that fails once more than a given number of bytes reach it, as an upload cancelled mid-way.</summary>
    private sealed class FailingStream(long limit) : Stream
    {
        public const string Message = "upload cancelled";

        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_length + buffer.Length > limit)
            {
                throw new OperationCanceledException(Message);
            }

            _length += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
