using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace Snowferry.Destinations.S3;

/// <summary>Turns what S3 answers into errors a user can act on. The AWS messages carry no credentials.</summary>
internal static class S3Errors
{
    public static bool IsPreconditionFailed(AmazonS3Exception e) =>
        e.StatusCode == HttpStatusCode.PreconditionFailed || e.ErrorCode == "PreconditionFailed";

    public static bool IsNotFound(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.NotFound;

    public static Exception Map(Exception exception, string bucket, string location)
    {
        switch (exception)
        {
            case DestinationException or OperationCanceledException:
                return exception;
            case AmazonS3Exception s3 when IsPreconditionFailed(s3):
                return new DestinationExistsException(location, s3);
            case AmazonS3Exception { ErrorCode: "NoSuchBucket" } s3:
                return new DestinationException(
                    DestinationErrorKind.NotFound,
                    $"S3 bucket '{bucket}' does not exist (or is in another account): check its name, and AWS_ENDPOINT_URL_S3 for an S3-compatible store.",
                    s3);
            case AmazonS3Exception { ErrorCode: "InvalidBucketName" } s3:
                return new DestinationException(DestinationErrorKind.InvalidAddress, $"S3 refuses '{bucket}' as a bucket name.", s3);
            case AmazonS3Exception s3 when s3.StatusCode == HttpStatusCode.Forbidden || s3.ErrorCode is "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch":
                return new DestinationException(
                    DestinationErrorKind.AccessDenied,
                    $"Access denied writing {location} ({s3.ErrorCode ?? "403"}): check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID...) and that the bucket policy grants s3:PutObject and s3:AbortMultipartUpload.",
                    s3);
            case AmazonS3Exception s3:
                var status = (int)s3.StatusCode;
                return new DestinationException(
                    DestinationErrorKind.Failed,
                    $"S3 failed writing {location}: HTTP {status} {s3.ErrorCode}.",
                    s3,
                    isTransient: status is 500 or 502 or 503 or 504 || s3.ErrorCode is "SlowDown" or "RequestTimeout");
            case AmazonServiceException or HttpRequestException or IOException:
                return new DestinationException(
                    DestinationErrorKind.Failed,
                    $"Could not reach S3 writing {location} ({Reason(exception)}): check the endpoint (AWS_ENDPOINT_URL_S3 or SnowferryDataSourceBuilder.UseS3Endpoint), the region and the network.",
                    exception,
                    isTransient: true);
            case AmazonClientException client when client.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase):
                return new DestinationException(
                    DestinationErrorKind.AccessDenied,
                    $"No AWS credentials for writing {location}: set AWS_PROFILE (then `aws sso login` for SSO), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with an instance or container role.",
                    client);
            case AmazonClientException client:
                return new DestinationException(
                    DestinationErrorKind.Failed,
                    $"The AWS SDK could not send the request writing {location}: {client.Message} Check the region (AWS_REGION or SnowferryDataSourceBuilder.UseS3Region) and the endpoint (AWS_ENDPOINT_URL_S3 or SnowferryDataSourceBuilder.UseS3Endpoint).",
                    client);
            default:
                return exception;
        }
    }

    // "Connection refused (host:port)" says what to fix; the innermost socket error is the most specific.
    private static string Reason(Exception exception) =>
        exception is HttpRequestException { Message: { Length: > 0 } message } ? message : exception.GetBaseException().Message;
}
