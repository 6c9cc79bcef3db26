using Snowferry.Destinations;
using Snowferry.Destinations.S3;

namespace Snowferry.Tests.Destinations.S3;

public sealed class S3ClientFactoryTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void CreateConfig_EndpointFromEnvironment_PathStyleAndRegion()
    {
        var config = S3ClientFactory.CreateConfig(null, null, null, Env(("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4566/"), ("AWS_REGION", "eu-west-1")));

        Assert.Equal("http://127.0.0.1:4566", config.ServiceURL.TrimEnd('/'));
        Assert.True(config.ForcePathStyle);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
    }

    [Fact]
    public void CreateConfig_ExplicitEndpointBeatsEnvironment_PathStyleCanBeTurnedOff()
    {
        var config = S3ClientFactory.CreateConfig(new Uri("https://s3.example.test"), "us-west-2", false, Env(("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1")));

        Assert.StartsWith("https://s3.example.test", config.ServiceURL, StringComparison.Ordinal);
        Assert.False(config.ForcePathStyle);
        Assert.Equal("us-west-2", config.AuthenticationRegion);
    }

    [Fact]
    public void CreateConfig_NoEndpoint_AwsWithRegion()
    {
        var config = S3ClientFactory.CreateConfig(null, "eu-central-1", null, Env());

        Assert.Equal("eu-central-1", config.RegionEndpoint.SystemName);
        Assert.False(config.ForcePathStyle);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://host")]
    public void CreateConfig_BadEndpoint_ClearError(string endpoint)
    {
        var error = Assert.Throws<DestinationException>(() => S3ClientFactory.CreateConfig(null, null, null, Env(("AWS_ENDPOINT_URL_S3", endpoint))));

        Assert.Equal(DestinationErrorKind.InvalidAddress, error.Kind);
    }
}
