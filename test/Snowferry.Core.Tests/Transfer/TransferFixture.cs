using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Configuration;
using Snowferry.Snowflake.Values;
using Snowferry.Testing;
using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// The local Snowflake (over HTTP, configured by the connections.toml it wrote) and the local S3 server (fauxqs, through
/// AWSSDK.S3), both real servers on loopback, plus a <see cref="SnowferryDataSource"/> built over them as a user's would be.
/// </summary>
public sealed class TransferFixture : IAsyncLifetime
{
    private readonly LocalSnowflakeFixture _snowflake = new();
    private readonly LocalS3Fixture _s3 = new();
    private HttpClient? _http;

    public LocalSnowflakeFixture Snowflake => _snowflake;

    public LocalS3Fixture S3 => _s3;

    public SnowflakeConnectionSettings Settings { get; private set; } = null!;

    public SnowflakeClient Client { get; private set; } = null!;

    /// <summary>The data source every job of the fixture runs from: the connection, the fixture's S3 endpoint and keys.</summary>
    public SnowferryDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Task.WhenAll(_snowflake.InitializeAsync().AsTask(), _s3.InitializeAsync().AsTask());
        Settings = SnowflakeConnections.Load(new SnowflakeConnectionOptions
        {
            ConnectionsFile = _snowflake.Host.ConnectionsFilePath,
            ConnectionName = _snowflake.Host.ConnectionName,
        });
        _http = new HttpClient(SnowflakeClient.CreateDefaultHandler()) { BaseAddress = Settings.BaseAddress };
        Client = new SnowflakeClient(_http, Settings, SnowflakeTokenProviders.Create(Settings));
        DataSource = CreateDataSource();
    }

    /// <summary>A new data source over both servers (the caller disposes it).</summary>
    public SnowferryDataSource CreateDataSource() => new SnowferryDataSourceBuilder()
        .UseConnectionSettings(Settings)
        .UseS3Endpoint(_s3.ServiceUrl)
        .UseS3Region(_s3.Server.Options.Region)
        .UseS3Credentials(_s3.Credentials)
        .Build();

    /// <summary>Transfers to the fixture's bucket under <paramref name="prefix"/>.</summary>
    public TransferRunner CreateJob(string prefix = "") => new(DataSource, $"s3://{_s3.Bucket}/{prefix}");

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
        await _snowflake.DisposeAsync();
        await _s3.DisposeAsync();
    }
}
