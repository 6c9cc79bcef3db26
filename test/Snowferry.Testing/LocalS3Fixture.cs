using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Snowferry.LocalSnowflake.S3;
using Xunit;

namespace Snowferry.Testing;

/// <summary>
/// The local S3 server (fauxqs) on a free loopback port with one empty bucket, and an AWSSDK.S3 client for it
/// configured as a user would (a custom endpoint, path-style, fixed test credentials). One per test class.
/// </summary>
public class LocalS3Fixture : IAsyncLifetime
{
    private LocalS3Server? _server;
    private AmazonS3Client? _client;

    /// <summary>The bucket created at start.</summary>
    public string Bucket { get; } = "snowferry-test";

    public LocalS3Server Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public Uri ServiceUrl => Server.ServiceUrl;

    /// <summary>A client for the server, owned by the fixture.</summary>
    public IAmazonS3 Client => _client ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The client's configuration, for clients a test builds itself (e.g. an instrumented subclass).</summary>
    public AmazonS3Config CreateConfig() => new()
    {
        ServiceURL = ServiceUrl.AbsoluteUri.TrimEnd('/'),
        ForcePathStyle = true,
        AuthenticationRegion = Server.Options.Region,
    };

    /// <summary>The fixed test credentials the server accepts.</summary>
    public AWSCredentials Credentials => new BasicAWSCredentials(Server.Options.AccessKeyId, Server.Options.SecretAccessKey);

    public virtual async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), cancellationToken);
        _client = new AmazonS3Client(Credentials, CreateConfig());
        await _client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellationToken);
    }

    /// <summary>The object's bytes, or null when there is no object at the key.</summary>
    public async Task<byte[]?> ReadObjectAsync(string key, CancellationToken cancellationToken, string? bucket = null)
    {
        try
        {
            using var response = await Client.GetObjectAsync(bucket ?? Bucket, key, cancellationToken);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every key in the bucket under <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken)
    {
        var response = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix }, cancellationToken);
        return [.. (response.S3Objects ?? []).Select(o => o.Key)];
    }

    public virtual async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
