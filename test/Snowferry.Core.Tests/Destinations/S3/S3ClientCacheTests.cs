using Snowferry.Destinations.S3;

namespace Snowferry.Tests.Destinations.S3;

public sealed class S3ClientCacheTests
{
    [Theory]
    [InlineData(null, "us-east-1")]
    [InlineData("", "us-east-1")]
    [InlineData("EU", "eu-west-1")]
    [InlineData("eu-central-1", "eu-central-1")]
    [InlineData("cn-north-1", "cn-north-1")]
    public void RegionOf_LocationConstraint_NamesTheBucketsRegion(string? constraint, string region) =>
        Assert.Equal(region, S3ClientCache.RegionOf(constraint));
}
