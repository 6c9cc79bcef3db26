using Amazon;
using Amazon.S3;

namespace Snowferry.Destinations.S3;

/// <summary>
/// Builds the S3 client the way the AWS tools do: credentials and region from the SDK's default chain
/// (<c>AWS_PROFILE</c>, <c>AWS_ACCESS_KEY_ID</c>, SSO, instance role, <c>AWS_REGION</c>...), and an S3-compatible
/// endpoint from the argument or <c>AWS_ENDPOINT_URL_S3</c>, addressed path-style unless told otherwise.
/// </summary>
public static class S3ClientFactory
{
    /// <summary>The environment variable naming a custom S3 endpoint, as the AWS CLI and SDKs read it.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_S3";

    /// <summary>Creates the client; the caller disposes it.</summary>
    /// <param name="endpointUrl">An S3-compatible endpoint; <c>AWS_ENDPOINT_URL_S3</c> when null; AWS itself when neither.</param>
    /// <param name="region">The region; the SDK's default chain when null (and us-east-1 for a custom endpoint without one).</param>
    /// <param name="forcePathStyle">Path-style addressing; by default on for a custom endpoint, off for AWS.</param>
    public static IAmazonS3 Create(Uri? endpointUrl = null, string? region = null, bool? forcePathStyle = null) =>
        new AmazonS3Client(CreateConfig(endpointUrl, region, forcePathStyle, Environment.GetEnvironmentVariable));

    /// <summary>The endpoint given, else <c>AWS_ENDPOINT_URL_S3</c>'s; null for AWS itself.</summary>
    /// <exception cref="DestinationException">The variable is not an absolute URL.</exception>
    internal static Uri? ResolveEndpoint(Uri? endpointUrl, Func<string, string?> environment)
    {
        if (endpointUrl is null && environment(EndpointVariable) is { Length: > 0 } fromEnvironment)
        {
            if (!Uri.TryCreate(fromEnvironment, UriKind.Absolute, out endpointUrl))
            {
                throw new DestinationException(DestinationErrorKind.InvalidAddress, $"{EndpointVariable} is not an absolute URL.");
            }
        }

        return endpointUrl;
    }

    internal static AmazonS3Config CreateConfig(Uri? endpointUrl, string? region, bool? forcePathStyle, Func<string, string?> environment)
    {
        // Transient answers (500, 503 SlowDown, throttling, dropped connections) are retried with jittered exponential
        // backoff by the SDK's standard retry mode; set explicitly so a profile or environment cannot turn it off.
        var config = new AmazonS3Config { RetryMode = Amazon.Runtime.RequestRetryMode.Standard, MaxErrorRetry = 5 };
        endpointUrl = ResolveEndpoint(endpointUrl, environment);
        if (endpointUrl is not null)
        {
            if (endpointUrl.Scheme != Uri.UriSchemeHttp && endpointUrl.Scheme != Uri.UriSchemeHttps)
            {
                throw new DestinationException(DestinationErrorKind.InvalidAddress, "The S3 endpoint URL must be http:// or https://.");
            }

            config.ServiceURL = endpointUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
            config.ForcePathStyle = forcePathStyle ?? true;
            config.AuthenticationRegion = region ?? environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION") ?? "us-east-1";
        }
        else
        {
            if (region is not null)
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            if (forcePathStyle is { } pathStyle)
            {
                config.ForcePathStyle = pathStyle;
            }
        }

        return config;
    }
}
