using Amazon.Runtime;
using Snowferry.Destinations.S3;

namespace Snowferry.Tests.Destinations.S3;

public sealed class S3RetryConfigTests
{
    [Fact]
    public void CreateConfig_AnyEndpoint_RetriesTransientErrorsWithStandardBackoff()
    {
        var config = S3ClientFactory.CreateConfig(new Uri("http://127.0.0.1:9000"), "us-east-1", null, _ => null);

        Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
        Assert.Equal(5, config.MaxErrorRetry);
    }
}
