using System.Net.Http.Headers;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Builder;
using Snowferry.LocalSnowflake.Hosting;
using Snowferry.Service.Authentication;
using Snowferry.Service.Hosting;
using Snowferry.Testing;

namespace Snowferry.Service.Tests;

/// <summary>
/// The real service on a loopback port over the local Snowflake and the local S3 server, with two clients: <c>acme</c>
/// (the ORDERS and LOCATIONS tables, <c>s3://snowferry-test/acme/</c>) and <c>other</c> (MOVIE_RATINGS, its own
/// prefix). Tests talk to it with <see cref="HttpClient"/> only.
/// </summary>
public class ServiceFixture : LocalS3Fixture
{
    private LocalSnowflakeHost? _snowflake;
    private WebApplication? _app;
    private readonly TempDirectory _state = new();

    public string AcmeKey { get; } = ClientKeys.NewKey();

    public string OtherKey { get; } = ClientKeys.NewKey();

    public LocalSnowflakeHost Snowflake => _snowflake ?? throw new InvalidOperationException("Not started.");

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where /metrics is served: a port of its own, free when the fixture was made.</summary>
    public Uri ManagementAddress { get; } = new($"http://127.0.0.1:{FreePort()}/");

    public string StateFile => Path.Combine(_state.Path, "service.db");

    /// <summary>Client settings beyond the defaults (a subclass narrows limits).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _snowflake = await LocalSnowflakeHost.StartAsync(
            new LocalSnowflakeHostOptions { Scale = LocalSnowflakeFixture.TestScale, PartitionRowCount = 1_000, SyncWait = TimeSpan.FromSeconds(2) },
            TestContext.Current.CancellationToken);
        _app = await StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Builds and starts a service on this fixture's servers and state file (a second one, after a restart).</summary>
    public async Task<WebApplication> StartAsync(CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Snowferry:Connection"] = Snowflake.ConnectionName,
            ["Snowferry:ConnectionsFile"] = Snowflake.ConnectionsFilePath,
            ["Snowferry:S3EndpointUrl"] = ServiceUrl.AbsoluteUri,
            ["Snowferry:S3Region"] = Server.Options.Region,
            ["Snowferry:Clients:acme:KeyHash"] = ClientKeys.Hash(AcmeKey),
            ["Snowferry:Clients:acme:AllowedTables:0"] = "PUBLIC.ORDERS_*",
            ["Snowferry:Clients:acme:AllowedTables:1"] = "LOCATIONS_595",
            ["Snowferry:Clients:acme:AllowedDestinations:0"] = $"s3://{Bucket}/acme/",
            ["Snowferry:Clients:other:KeyHash"] = ClientKeys.Hash(OtherKey),
            ["Snowferry:Clients:other:AllowedTables:0"] = "MOVIE_RATINGS_*",
            ["Snowferry:Clients:other:AllowedDestinations:0"] = $"s3://{Bucket}/other/",
            ["Snowferry:ManagementUrl"] = ManagementAddress.AbsoluteUri,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        var app = await SnowferryServiceApp.BuildAsync(
            new ServiceStartOptions
            {
                Urls = "http://127.0.0.1:0",
                StateFile = StateFile,
                Overrides = settings,
                ConfigureDataSource = builder => builder.UseS3Credentials(Credentials),
            },
            cancellationToken);
        await app.StartAsync(cancellationToken);
        BaseAddress = new Uri(app.Urls.First(u => new Uri(u).Port != ManagementAddress.Port));
        return app;
    }

    /// <summary>Stops the running service (as SIGTERM would) so a test can start another on the same state.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.Current.CancellationToken);
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        _app = await StartAsync(cancellationToken);
    }

    /// <summary>A client of the service with <paramref name="key"/> as its bearer token (none when null).</summary>
    public HttpClient Http(string? key)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>Multipart uploads still open under a prefix (there must be none after a failure or cancel).</summary>
    public async Task<int> OpenUploadsAsync(string prefix, CancellationToken cancellationToken)
    {
        var uploads = await Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = prefix }, cancellationToken);
        return uploads.MultipartUploads?.Count ?? 0;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public override async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_snowflake is not null)
        {
            await _snowflake.DisposeAsync();
        }

        _state.Dispose();
        await base.DisposeAsync();
    }
}
