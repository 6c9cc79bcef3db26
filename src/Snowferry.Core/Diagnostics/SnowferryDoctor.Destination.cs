using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.S3.Model;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Transfer;

namespace Snowferry.Diagnostics;

public static partial class SnowferryDoctor
{
    private static async Task CheckDestinationAsync(SnowferryDoctorOptions options, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Destination))
        {
            checks.Add(new DoctorCheck
            {
                Name = "destination",
                Status = DoctorStatus.Skip,
                Area = DoctorArea.Destination,
                Detail = "no destination given (--destination s3://bucket/prefix or a folder checks that it can be written)",
            });
            return;
        }

        DestinationAddress address;
        try
        {
            address = TransferDestinations.Parse(options.Destination);
        }
        catch (DestinationException e)
        {
            checks.Add(new DoctorCheck { Name = "destination", Status = DoctorStatus.Fail, Area = DoctorArea.Destination, Detail = e.Message });
            return;
        }

        if (address.Kind == DestinationKind.LocalFolder)
        {
            checks.Add(CheckFolder(address.FolderPath!));
            return;
        }

        var steps = new Steps(checks, ["aws_credentials", "bucket"]);
        AmazonS3Config config;
        AWSCredentials credentials;
        try
        {
            config = S3ClientFactory.CreateConfig(options.S3EndpointUrl, options.S3Region, null, Environment.GetEnvironmentVariable);
            credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(config).ConfigureAwait(false);
        }
        catch (DestinationException e)
        {
            steps.Fail("aws_credentials", DoctorArea.Destination, e.Message);
            return;
        }
        catch (AmazonClientException e)
        {
            steps.Fail("aws_credentials", DoctorArea.Destination, "No AWS credentials found by the SDK's chain.",
                "Set AWS_PROFILE (then `aws sso login` for SSO), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with an instance or container role. " +
                $"The SDK said: {e.Message}");
            return;
        }

        steps.Ok("aws_credentials", DoctorArea.Destination, $"from {CredentialSource(credentials)}");
        using var s3 = new AmazonS3Client(credentials, config);
        await CheckBucketAsync(s3, address, config, steps, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists at most one key under the prefix (reads nothing), then asks the bucket's region.</summary>
    private static async Task CheckBucketAsync(AmazonS3Client s3, DestinationAddress address, AmazonS3Config config, Steps steps, CancellationToken cancellationToken)
    {
        var bucket = address.Bucket!;
        try
        {
            await s3.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = bucket, Prefix = address.Prefix.Length == 0 ? null : address.Prefix + "/", MaxKeys = 1 },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.MovedPermanently || e.ErrorCode is "PermanentRedirect" or "AuthorizationHeaderMalformed")
        {
            steps.Fail("bucket", DoctorArea.Destination, $"S3 bucket '{bucket}' is in another region than {Region(config)} ({e.ErrorCode}).",
                "Give its region with SnowferryDataSourceBuilder.UseS3Region or AWS_REGION.");
            return;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden || e.ErrorCode is "AccessDenied")
        {
            steps.Fail("bucket", DoctorArea.Destination, $"Access denied listing {address} ({e.ErrorCode ?? "403"}).",
                "Grant the AWS identity s3:ListBucket on the bucket, and s3:PutObject, s3:GetObject and s3:AbortMultipartUpload on its keys (bucket policy or IAM policy).");
            return;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            steps.Fail("bucket", DoctorArea.Destination, S3Errors.Map(e, bucket, address.ToString()).Message);
            return;
        }

        steps.Ok("bucket", DoctorArea.Destination, $"{address} listable; region {await BucketRegionAsync(s3, bucket, config, cancellationToken).ConfigureAwait(false)}");
    }

    private static async Task<string> BucketRegionAsync(AmazonS3Client s3, string bucket, AmazonS3Config config, CancellationToken cancellationToken)
    {
        try
        {
            var location = await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            return S3ClientCache.RegionOf(location.Location?.Value);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            // Listing is what a transfer needs; the location is extra, and a policy may well refuse it.
            return $"{Region(config)} (as configured; GetBucketLocation was refused)";
        }
    }

    private static string Region(AmazonS3Config config) =>
        config.AuthenticationRegion ?? config.RegionEndpoint?.SystemName ?? "the configured region";

    /// <summary>Names where the SDK's chain found the credentials; never the key itself.</summary>
    private static string CredentialSource(AWSCredentials credentials)
    {
        var profile = Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } p ? p : "default";
        return credentials switch
        {
            EnvironmentVariablesAWSCredentials => "environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
            AssumeRoleWithWebIdentityCredentials => "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)",
            SSOAWSCredentials => $"SSO profile '{profile}'",
            AssumeRoleAWSCredentials => $"profile '{profile}' (assumed role)",
            ProcessAWSCredentials => $"profile '{profile}' (credential_process)",
            GenericContainerCredentials => "the container's role (ECS/EKS)",
            InstanceProfileAWSCredentials => "the EC2 instance role",
            // DefaultInstanceProfileAWSCredentials is internal: known by its name.
            _ when credentials.GetType().Name.Contains("InstanceProfile", StringComparison.Ordinal) => "the EC2 instance role",
            _ => $"profile '{profile}' ({credentials.GetType().Name})",
        };
    }

    /// <summary>The folder exists (or its nearest existing parent does) and a file can be created there.</summary>
    private static DoctorCheck CheckFolder(string path)
    {
        var existing = path;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var probe = Path.Combine(existing, $".snowferry-doctor-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DoctorCheck
            {
                Name = "folder",
                Status = DoctorStatus.Fail,
                Area = DoctorArea.Destination,
                Detail = $"Cannot create files in {existing}: {e.Message}",
                Fix = "Pick a folder this user may write to, or change its permissions.",
            };
        }

        return new DoctorCheck
        {
            Name = "folder",
            Status = DoctorStatus.Ok,
            Area = DoctorArea.Destination,
            Detail = existing == path ? $"{path} exists and is writable" : $"{path} will be created (in {existing}, which is writable)",
        };
    }

    private static DoctorCheck CheckStorageIntegration(SnowferryDoctorOptions options) => string.IsNullOrWhiteSpace(options.StorageIntegration)
        ? new DoctorCheck
        {
            Name = "storage_integration",
            Status = DoctorStatus.Skip,
            Area = DoctorArea.Configuration,
            Detail = $"none configured: transfers stream; TransferOptions.Mode Unload and Auto need one (TransferOptions.StorageIntegration or {TransferOptions.StorageIntegrationVariable})",
        }
        : new DoctorCheck
        {
            Name = "storage_integration",
            Status = DoctorStatus.Ok,
            Area = DoctorArea.Configuration,
            Detail = $"{options.StorageIntegration} configured for unloads (Snowflake checks it, and the role's USAGE on it, at COPY INTO)",
        };
}
