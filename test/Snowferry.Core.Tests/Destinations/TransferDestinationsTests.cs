using Snowferry.Destinations;
using Snowferry.Destinations.Local;
using Snowferry.Destinations.S3;

namespace Snowferry.Tests.Destinations;

public sealed class TransferDestinationsTests
{
    [Theory]
    [InlineData("stakeholder-bucket", "stakeholder-bucket", "")]
    [InlineData("s3://stakeholder-bucket", "stakeholder-bucket", "")]
    [InlineData("s3://stakeholder-bucket/", "stakeholder-bucket", "")]
    [InlineData("S3://my.bucket.01/exports/daily/", "my.bucket.01", "exports/daily")]
    [InlineData("  s3://abc/x  ", "abc", "x")]
    [InlineData("s3://abc/50%/off", "abc", "50%/off")]
    [InlineData("s3://abc/a..b/...", "abc", "a..b/...")]
    public void Parse_S3_BucketAndPrefix(string destination, string bucket, string prefix)
    {
        var address = TransferDestinations.Parse(destination);

        Assert.Equal(DestinationKind.S3, address.Kind);
        Assert.Equal(bucket, address.Bucket);
        Assert.Equal(prefix, address.Prefix);
        Assert.Null(address.FolderPath);
    }

    [Theory]
    [InlineData("/tmp/out", "/tmp/out")]
    [InlineData("file:///tmp/out%20dir", "/tmp/out dir")]
    [InlineData("out/files", null)]
    [InlineData("./out", null)]
    [InlineData("../out", null)]
    public void Parse_Path_LocalFolder(string destination, string? expected)
    {
        var address = TransferDestinations.Parse(destination);

        Assert.Equal(DestinationKind.LocalFolder, address.Kind);
        Assert.Equal(expected ?? Path.GetFullPath(destination), address.FolderPath);
        Assert.Equal(string.Empty, address.Prefix);
    }

    [Fact]
    public void Parse_Tilde_HomeFolder()
    {
        var address = TransferDestinations.Parse("~/exports");

        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "exports"), address.FolderPath);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ab", "3 to 63 characters")]
    [InlineData("Stakeholder", "no upper-case letters")]
    [InlineData("my_bucket", "only lower-case letters, digits, dots and hyphens")]
    [InlineData("-bucket", "starts and ends with a letter or a digit")]
    [InlineData("bucket-", "starts and ends with a letter or a digit")]
    [InlineData("my..bucket", "no two adjacent dots")]
    [InlineData("192.168.5.4", "not an IP address")]
    [InlineData("xn--bucket", "reserved 'xn--'")]
    [InlineData("bucket-s3alias", "reserved '-s3alias'")]
    [InlineData("s3://Bad_Bucket/prefix", "no upper-case letters")]
    [InlineData("s3://bucket/a//b", "has an empty segment (two slashes in a row)")]
    [InlineData("s3://bucket//acme", "has an empty segment (two slashes in a row)")]
    [InlineData("s3://bucket/acme//", "has an empty segment (two slashes in a row)")]
    [InlineData("s3://bucket/a/../b", "has a '..' segment")]
    [InlineData("s3://bucket/./b", "has a '.' segment")]
    [InlineData("s3://bucket/acme\\..\\evil", "has a backslash")]
    [InlineData("s3://bucket/acme%2F..%2Fevil", "has the percent-escape '%2F'")]
    [InlineData("s3://bucket/acme/%2e%2e/evil", "has the percent-escape '%2e'")]
    [InlineData("s3://bucket/acme\u0007", "has the control character U+0007")]
    [InlineData("gs://bucket", "'gs://' destinations are not supported")]
    [InlineData("file://host/share", "not a local file URI")]
    public void Parse_Malformed_ClearError(string destination, string reason)
    {
        var error = Assert.Throws<DestinationException>(() => TransferDestinations.Parse(destination));

        Assert.Equal(DestinationErrorKind.InvalidAddress, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void Parse_UnsafePrefix_SaysWhatToWrite()
    {
        var error = Assert.Throws<DestinationException>(() => TransferDestinations.Parse("s3://bucket/acme\\..\\evil"));

        Assert.Equal(
            "The key prefix in 's3://bucket/acme\\..\\evil' has a backslash: write s3://bucket/a/b, folder names separated by single slashes, " +
            "without '.' or '..' segments, backslashes, percent-escapes such as %2F, or control characters.",
            error.Message);
    }

    [Theory]
    [InlineData("s3://bucket/acme/A%2FB/A%2FB_20261124T101530Z_3f9c2a1b.parquet", "acme/A%2FB/A%2FB_20261124T101530Z_3f9c2a1b.parquet")]
    [InlineData("s3://bucket/acme/A%20B/run-20261124T101530Z_3f9c2a1b/", "acme/A%20B/run-20261124T101530Z_3f9c2a1b")]
    public void ParseLocation_KeyWithATablesPercentEscape_Accepted(string location, string key)
    {
        // Recovery reads back the locations the library named: a table's name keeps its '%', which a prefix may not.
        Assert.Equal(key, TransferDestinations.ParseLocation(location).Prefix);
        Assert.Throws<DestinationException>(() => TransferDestinations.Parse(location));
    }

    [Fact]
    public void ParseLocation_KeyLongerThanAPrefixMayBe_Accepted()
    {
        // A table name of 255 characters, twice, under a prefix: longer than any prefix may be, still a key S3 takes.
        var key = new string('p', 300) + "/" + new string('T', 255) + "/" + new string('T', 255) + "_x.parquet";

        Assert.Equal(key, TransferDestinations.ParseLocation("s3://bucket/" + key).Prefix);
        Assert.Throws<DestinationException>(() => TransferDestinations.ParseLocation("s3://bucket/" + new string('k', 1025)));
    }

    [Theory]
    [InlineData("s3://bucket/acme/../x.parquet")]
    [InlineData("s3://bucket//x.parquet")]
    [InlineData("s3://bucket/a\u0001/x.parquet")]
    public void ParseLocation_DotOrEmptySegmentOrControlCharacter_Refused(string location)
    {
        Assert.Throws<DestinationException>(() => TransferDestinations.ParseLocation(location));
    }

    [Fact]
    public void Parse_LongestValidBucket_Accepted()
    {
        var bucket = new string('a', 63);

        Assert.Equal(bucket, TransferDestinations.Parse(bucket).Bucket);
        Assert.Null(S3BucketNames.Check(bucket));
        Assert.NotNull(S3BucketNames.Check(bucket + "a"));
    }

    [Fact]
    public void Create_LocalFolder_NeverBuildsAnS3Client()
    {
        var address = TransferDestinations.Parse("/tmp/snowferry-out");

        var destination = TransferDestinations.Create(address, () => throw new InvalidOperationException("no S3 here"), TimeProvider.System);

        var folder = Assert.IsType<LocalFolderDestination>(destination);
        Assert.Equal("/tmp/snowferry-out", folder.FolderPath);
        Assert.Equal("file:///tmp/snowferry-out/T/a.csv", destination.DescribeLocation("T/a.csv"));
    }

    [Fact]
    public void Create_S3_UsesTheGivenClient()
    {
        using var client = S3ClientFactory.Create(new Uri("http://127.0.0.1:9"), "us-east-1");

        var destination = TransferDestinations.Create(TransferDestinations.Parse("s3://b-1/p"), () => client, TimeProvider.System);

        var s3 = Assert.IsType<S3Destination>(destination);
        Assert.Equal("b-1", s3.Bucket);
        Assert.Equal("s3://b-1/p/T/x.parquet", destination.DescribeLocation("p/T/x.parquet"));
    }

    [Fact]
    public void AddressToString_RoundTrips()
    {
        Assert.Equal("s3://b-1/p/q", TransferDestinations.Parse("s3://b-1/p/q/").ToString());
        Assert.Equal("s3://b-1", TransferDestinations.Parse("b-1").ToString());
        Assert.Equal("file:///tmp/x", TransferDestinations.Parse("/tmp/x").ToString());
    }
}
