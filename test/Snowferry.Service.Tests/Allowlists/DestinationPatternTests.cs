using Snowferry.Service.Allowlists;

namespace Snowferry.Service.Tests.Allowlists;

public sealed class DestinationPatternTests
{
    [Theory]
    [InlineData("s3://acme-data/exports/", "acme-data", "exports", "s3://acme-data/exports/")]
    [InlineData("s3://acme-data/exports", "acme-data", "exports", "s3://acme-data/exports/")]
    [InlineData("s3://acme-data/a/b/", "acme-data", "a/b", "s3://acme-data/a/b/")]
    [InlineData("s3://acme-data/", "acme-data", "", "s3://acme-data/")]
    [InlineData("s3://acme-data", "acme-data", "", "s3://acme-data/")]
    [InlineData("S3://acme-data/Exports/", "acme-data", "Exports", "s3://acme-data/Exports/")]
    [InlineData("  s3://acme-data/x/  ", "acme-data", "x", "s3://acme-data/x/")]
    public void Parse_S3Prefix_ReadsBucketAndSegments(string pattern, string bucket, string prefix, string text)
    {
        var parsed = DestinationPattern.Parse(pattern);

        Assert.Equal(bucket, parsed.Bucket);
        Assert.Equal(prefix, parsed.Prefix);
        Assert.Equal(text, parsed.ToString());
        Assert.Equal(pattern, parsed.Text);
    }

    [Theory]
    [InlineData("", "not an s3:// address")]
    [InlineData("acme-data", "not an s3:// address")]
    [InlineData("/srv/exports", "not an s3:// address")]
    [InlineData("file:///srv/exports", "not an s3:// address")]
    [InlineData("https://acme-data.s3.amazonaws.com/x/", "not an s3:// address")]
    [InlineData("s3://", "not a valid S3 bucket name")]
    [InlineData("s3://Acme/x/", "no upper-case letters")]
    [InlineData("s3://ab/x/", "3 to 63 characters")]
    [InlineData("s3://acme_data/x/", "only lower-case letters")]
    [InlineData("s3://acme-data//", "an empty segment")]
    [InlineData("s3://acme-data/a//b/", "an empty segment")]
    [InlineData("s3://acme-data/x//", "an empty segment")]
    [InlineData("s3://acme-data/../x/", "a '..' segment")]
    [InlineData("s3://acme-data/a/../b/", "a '..' segment")]
    [InlineData("s3://acme-data/./x/", "a '.' segment")]
    [InlineData("s3://acme-data/a/./", "a '.' segment")]
    [InlineData("s3://acme-data/a\\..\\b/", "a backslash")]
    [InlineData("s3://acme-data/a%2F..%2Fb/", "a '%'")]
    [InlineData("s3://acme-data/%2e%2e/", "a '%'")]
    [InlineData("s3://acme-data/exports/*/", "no wildcards")]
    [InlineData("s3://acme-data/exp*/", "no wildcards")]
    [InlineData("s3://acme-data/a\u0001b/", "control character U+0001")]
    [InlineData("s3://acme-data/\uFF0E\uFF0E/", "(U+FF0E), which Unicode normalisation (NFKC) reads as '.'")]
    [InlineData("s3://acme-data/a\uFF0Fb/", "(U+FF0F), which Unicode normalisation (NFKC) reads as '/'")]
    [InlineData("s3://acme-data/\u2025/", "(U+2025), which Unicode normalisation (NFKC) reads as '..'")]
    public void Parse_Malformed_ThrowsNamingThePatternAndTheProblem(string pattern, string problem)
    {
        var error = Assert.Throws<AllowlistException>(() => DestinationPattern.Parse(pattern));

        Assert.Contains($"The destination pattern '{pattern.Replace("\u0001", "\\u0001", StringComparison.Ordinal)}' is malformed", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
