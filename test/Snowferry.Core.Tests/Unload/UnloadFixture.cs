using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Hosting;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Configuration;
using Snowferry.Snowflake.Values;
using Snowferry.Testing;
using Snowferry.Tests.Transfer;
using Snowferry.Transfer;

namespace Snowferry.Tests.Unload;

/// <summary>
/// The local S3 server, then the local Snowflake with a storage integration (<c>SNOWFERRY_LOCAL_S3</c>) pointing at it,
/// both real servers on loopback, and a <see cref="SnowferryDataSource"/> built over them as a user's would be.
/// </summary>
public sealed class UnloadFixture : IAsyncLifetime
{
    private readonly LocalS3Fixture _s3 = new();
    private LocalSnowflakeHost? _host;
    private HttpClient? _http;

    public LocalS3Fixture S3 => _s3;

    public SnowflakeConnectionSettings Settings { get; private set; } = null!;

    public SnowflakeClient Client { get; private set; } = null!;

    /// <summary>The data source the tests transfer through: the connection, the fixture's S3 endpoint and keys.</summary>
    public SnowferryDataSource DataSource { get; private set; } = null!;

    /// <summary>The local Snowflake, for its fault switches and observers.</summary>
    public LocalSnowflakeHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The connections.toml the local Snowflake wrote, for the library's front door.</summary>
    public string ConnectionsFile => _host?.ConnectionsFilePath ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The connection in <see cref="ConnectionsFile"/>.</summary>
    public string ConnectionName => _host?.ConnectionName ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _s3.InitializeAsync();
        _host = await LocalSnowflakeHost.StartAsync(
            new LocalSnowflakeHostOptions
            {
                Scale = LocalSnowflakeFixture.TestScale,
                PartitionRowCount = 1_000,
                SyncWait = TimeSpan.FromSeconds(2),
                S3Integration = new LocalStorageIntegration
                {
                    ServiceUrl = _s3.ServiceUrl,
                    AccessKeyId = _s3.Server.Options.AccessKeyId,
                    SecretAccessKey = _s3.Server.Options.SecretAccessKey,
                    Region = _s3.Server.Options.Region,
                },
            },
            ct);
        Settings = SnowflakeConnections.Load(new SnowflakeConnectionOptions
        {
            ConnectionsFile = _host.ConnectionsFilePath,
            ConnectionName = _host.ConnectionName,
        });
        _http = new HttpClient(SnowflakeClient.CreateDefaultHandler()) { BaseAddress = Settings.BaseAddress };
        Client = new SnowflakeClient(_http, Settings, SnowflakeTokenProviders.Create(Settings));
        DataSource = CreateDataSource();
    }

    /// <summary>A new data source over both servers, logging to <paramref name="loggerFactory"/> (the caller disposes it).</summary>
    public SnowferryDataSource CreateDataSource(Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null) => new SnowferryDataSourceBuilder()
        .UseConnectionSettings(Settings)
        .UseS3Endpoint(_s3.ServiceUrl)
        .UseS3Region(_s3.Server.Options.Region)
        .UseS3Credentials(_s3.Credentials)
        .UseLoggerFactory(loggerFactory)
        .Build();

    /// <summary>Transfers to the fixture's bucket under <paramref name="prefix"/>.</summary>
    public TransferRunner CreateJob(string prefix) => new(DataSource, $"s3://{_s3.Bucket}/{prefix}");

    /// <summary>Runs a statement and drops its result.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await Client.ExecuteAsync(sql, cancellationToken: cancellationToken);
        await foreach (var _ in result.ReadBatchesAsync(cancellationToken))
        {
        }
    }

    /// <summary>Every row of <paramref name="sql"/>, decoded by the client, with the result's column types.</summary>
    public async Task<(IReadOnlyList<SnowflakeColumn> Columns, List<object?[]> Rows)> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await Client.ExecuteAsync(sql, cancellationToken: cancellationToken);
        return (result.Columns, await SnowflakeResultRows.ReadAllAsync(result, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        DataSource?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _s3.DisposeAsync();
    }
}
