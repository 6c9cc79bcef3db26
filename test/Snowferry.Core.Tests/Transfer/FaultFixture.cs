using Amazon.S3;
using Snowferry.Destinations.S3;
using Snowferry.Testing;
using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// Both real servers (<see cref="TransferFixture"/>) with an <see cref="S3FaultProxy"/> between the S3 client and the
/// S3 server. The client is built by the product's own <see cref="S3ClientFactory"/> config (retries as shipped).
/// </summary>
public sealed class FaultFixture : IAsyncLifetime
{
    private AmazonS3Client? _client;

    public TransferFixture Transfer { get; } = new();

    public S3FaultProxy Proxy { get; private set; } = null!;

    /// <summary>The S3 client that goes through the proxy.</summary>
    public IAmazonS3 ProxiedClient => _client!;

    public async ValueTask InitializeAsync()
    {
        await Transfer.InitializeAsync();
        Proxy = await S3FaultProxy.StartAsync(Transfer.S3.ServiceUrl, TestContext.Current.CancellationToken);
        var config = S3ClientFactory.CreateConfig(Proxy.ServiceUrl, Transfer.S3.Server.Options.Region, null, _ => null);
        _client = new AmazonS3Client(Transfer.S3.Credentials, config);
        ProxiedDataSource = new SnowferryDataSourceBuilder().UseConnectionSettings(Transfer.Settings).UseS3Client(_client).Build();
    }

    /// <summary>The data source whose S3 requests go through the proxy.</summary>
    public SnowferryDataSource ProxiedDataSource { get; private set; } = null!;

    /// <summary>Transfers writing through the proxy under <paramref name="prefix"/>.</summary>
    public TransferRunner CreateJob(string prefix) => new(ProxiedDataSource, $"s3://{Transfer.S3.Bucket}/{prefix}");

    /// <summary>The bucket's key named by a proxy record's path (<c>/bucket/key</c>).</summary>
    public string KeyOf(S3ProxyRecord record) => record.Path.TrimStart('/')[(Transfer.S3.Bucket.Length + 1)..];

    public async ValueTask DisposeAsync()
    {
        ProxiedDataSource?.Dispose();
        _client?.Dispose();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }

        await Transfer.DisposeAsync();
    }
}
