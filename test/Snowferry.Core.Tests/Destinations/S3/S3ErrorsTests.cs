using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;

namespace Snowferry.Tests.Destinations.S3;

public sealed class S3ErrorsTests
{
    private const string Location = "s3://b-1/T/x.parquet";

    private static AmazonS3Exception S3Error(HttpStatusCode status, string code) =>
        new($"{code} message", status is >= HttpStatusCode.InternalServerError ? ErrorType.Receiver : ErrorType.Sender, code, "req-1", status);

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "NoSuchBucket", DestinationErrorKind.NotFound, "'b-1' does not exist")]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", DestinationErrorKind.AccessDenied, "check the AWS credentials")]
    [InlineData(HttpStatusCode.Forbidden, "InvalidAccessKeyId", DestinationErrorKind.AccessDenied, "InvalidAccessKeyId")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidBucketName", DestinationErrorKind.InvalidAddress, "'b-1'")]
    [InlineData(HttpStatusCode.PreconditionFailed, "PreconditionFailed", DestinationErrorKind.AlreadyExists, "TransferOptions.Overwrite")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown", DestinationErrorKind.Failed, "HTTP 503 SlowDown")]
    public void Map_S3Error_KindAndActionableMessage(HttpStatusCode status, string code, DestinationErrorKind kind, string text)
    {
        var error = Assert.IsAssignableFrom<DestinationException>(S3Errors.Map(S3Error(status, code), "b-1", Location));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
        Assert.Equal(status == HttpStatusCode.ServiceUnavailable, error.IsTransient);
    }

    [Fact]
    public void Map_NetworkFailure_Transient()
    {
        var error = Assert.IsType<DestinationException>(S3Errors.Map(new HttpRequestException("connection refused"), "b-1", Location));

        Assert.True(error.IsTransient);
        Assert.Contains(Location, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_Cancellation_Unchanged()
    {
        var cancelled = new OperationCanceledException();

        Assert.Same(cancelled, S3Errors.Map(cancelled, "b-1", Location));
    }

    [Fact]
    public void Constructor_BadBucket_ClearError()
    {
        using var client = S3ClientFactory.Create(new Uri("http://127.0.0.1:9"));

        var error = Assert.Throws<DestinationException>(() => new S3Destination(client, "Bad_Bucket", TimeProvider.System));

        Assert.Equal(DestinationErrorKind.InvalidAddress, error.Kind);
    }
}
