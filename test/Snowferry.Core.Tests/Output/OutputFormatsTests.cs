using Snowferry.Output;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Output;

public sealed class OutputFormatsTests
{
    [Fact]
    public void All_Discovered_FourFormatsByName() =>
        Assert.Equal(["csv", "json", "jsonl", "parquet"], OutputFormats.All.Select(f => f.Name));

    [Theory]
    [InlineData("parquet", typeof(ParquetOutputFormat))]
    [InlineData("CSV", typeof(CsvOutputFormat))]
    [InlineData(".jsonl", typeof(JsonLinesOutputFormat))]
    [InlineData(" json ", typeof(JsonArrayOutputFormat))]
    public void Find_KnownName_ReturnsFormat(string name, Type expected) =>
        Assert.IsType(expected, OutputFormats.Find(name));

    [Fact]
    public void Find_UnknownName_ListsValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => OutputFormats.Find("xlsx"));

        Assert.Contains("'xlsx'", error.Message, StringComparison.Ordinal);
        Assert.Contains("csv, json, jsonl, parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsParquet() => Assert.Equal("parquet", OutputFormats.Default.Name);

    [Theory]
    [InlineData("parquet", OutputCompression.Zstd, ".parquet", "application/vnd.apache.parquet")]
    [InlineData("csv", OutputCompression.Default, ".csv", "text/csv; charset=utf-8; header=present")]
    [InlineData("jsonl", OutputCompression.Gzip, ".jsonl.gz", "application/gzip")]
    [InlineData("json", OutputCompression.None, ".json", "application/json")]
    public void DescribeFile_Compression_ExtensionAndContentType(string name, OutputCompression compression, string extension, string contentType) =>
        Assert.Equal(new OutputFileType(extension, contentType), OutputFormats.Find(name).DescribeFile(new OutputWriterOptions { Compression = compression }));

    [Fact]
    public void CreateWriter_TextFormatWithZstd_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => OutputFormats.Find("csv")
            .CreateWriter([new OutputColumn("A", SnowflakeType.Text)], new MemoryStream(), new OutputWriterOptions { Compression = OutputCompression.Zstd }));

        Assert.Contains("none or gzip", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    public void CreateWriter_DuplicateOrNoColumns_ThrowsArgumentException(string name)
    {
        var format = OutputFormats.Find(name);

        Assert.Throws<ArgumentException>(() => format.CreateWriter([], new MemoryStream(), OutputWriterOptions.Default));
        Assert.Throws<ArgumentException>(() => format.CreateWriter(
            [new OutputColumn("A", SnowflakeType.Text), new OutputColumn("A", SnowflakeType.Real)], new MemoryStream(), OutputWriterOptions.Default));
    }

    [Fact]
    public void Validate_RowGroupRowsZero_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutputWriterOptions { MaxRowGroupRows = 0 }.Validate());
}
