using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Snowferry.Internal;

namespace Snowferry.Destinations.S3;

/// <summary>
/// The S3 clients of one data source: one per (region, endpoint), made on first use and shared by every transfer
/// (an <see cref="AmazonS3Client"/> is thread-safe and pools its connections). Stakeholders' buckets live in different
/// regions: against AWS with no region configured, a bucket's region is asked once (<c>GetBucketLocation</c>) and
/// remembered, so each bucket is written through a client of its own region.
/// </summary>
internal sealed class S3ClientCache : IDisposable
{
    private readonly Uri? _endpoint;
    private readonly string? _region;
    private readonly AWSCredentials? _credentials;
    private readonly IAmazonS3? _injected;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<IAmazonS3>> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<string?>> _bucketRegions = new(StringComparer.Ordinal);
    private int _created;

    /// <param name="endpoint">An S3-compatible endpoint; <c>AWS_ENDPOINT_URL_S3</c> when null; AWS when neither.</param>
    /// <param name="region">The region of every bucket; found per bucket (AWS) or from the SDK's chain when null.</param>
    /// <param name="credentials">The credentials; the SDK's default chain when null.</param>
    /// <param name="injected">A client to use for every bucket instead (tests' proxies); the caller's, never disposed here.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="DestinationException"><c>AWS_ENDPOINT_URL_S3</c> is not an absolute http(s) URL.</exception>
    public S3ClientCache(Uri? endpoint, string? region, AWSCredentials? credentials, IAmazonS3? injected, ILogger logger)
    {
        _endpoint = S3ClientFactory.ResolveEndpoint(endpoint, Environment.GetEnvironmentVariable);
        _region = region;
        _credentials = credentials;
        _injected = injected;
        _logger = logger;
    }

    /// <summary>Clients made so far (the injected one is not counted): one per (region, endpoint) used.</summary>
    public int ClientsCreated => Volatile.Read(ref _created);

    /// <summary>The client for <paramref name="bucket"/>: of its region when that had to be found.</summary>
    public async Task<IAmazonS3> ForBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        if (_injected is not null)
        {
            return _injected;
        }

        if (_region is not null || _endpoint is not null)
        {
            // Told the region, or an S3-compatible store (one place, whatever region it is told): nothing to find.
            return Client(_region);
        }

        var locating = _bucketRegions.GetOrAdd(bucket, LocateAsync);
        var region = await locating.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (region is null)
        {
            // Not cached: a later transfer asks again (the failure may have been passing).
            _bucketRegions.TryRemove(new KeyValuePair<string, Task<string?>>(bucket, locating));
        }

        return Client(region);
    }

    private IAmazonS3 Client(string? region) =>
        _clients.GetOrAdd(region ?? "", _ => new Lazy<IAmazonS3>(() => Create(region))).Value;

    private AmazonS3Client Create(string? region)
    {
        var config = S3ClientFactory.CreateConfig(_endpoint, region, null, Environment.GetEnvironmentVariable);
        Interlocked.Increment(ref _created);
        return _credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(_credentials, config);
    }

    /// <summary>The bucket's region, or null (then the SDK chain's region is used, and S3 says so if it is wrong).</summary>
    private async Task<string?> LocateAsync(string bucket)
    {
        try
        {
            // Not the caller's token: the answer is shared by every transfer to the bucket.
            var response = await Client(null).GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }).ConfigureAwait(false);
            var region = RegionOf(response.Location?.Value);
            Log.BucketRegionFound(_logger, bucket, region);
            return region;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            // s3:GetBucketLocation is often not granted; the transfer goes on with the configured region.
            var reason = e.GetType().Name;
            Log.BucketRegionUnknown(_logger, bucket, reason);
            return null;
        }
    }

    /// <summary>
    /// The region a <c>GetBucketLocation</c> answer names: S3 says us-east-1 with an empty constraint, and eu-west-1 with
    /// the legacy <c>EU</c>.
    /// </summary>
    internal static string RegionOf(string? locationConstraint) => locationConstraint switch
    {
        null or "" => "us-east-1",
        "EU" => "eu-west-1",
        _ => locationConstraint,
    };

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
