using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Configuration;
using Snowferry.Testing;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>
/// The local Snowflake on a loopback port plus a client configured the way a user configures one: through the
/// connections.toml the host wrote.
/// </summary>
public sealed class LocalSnowflakeClientFixture : IAsyncLifetime
{
    private readonly LocalSnowflakeFixture _snowflake = new();

    public LocalSnowflakeFixture Snowflake => _snowflake;

    public SnowflakeConnectionSettings Settings { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await _snowflake.InitializeAsync();
        Settings = SnowflakeConnections.Load(new SnowflakeConnectionOptions
        {
            ConnectionsFile = _snowflake.Host.ConnectionsFilePath,
            ConnectionName = _snowflake.Host.ConnectionName,
        });
    }

    /// <summary>A client over a fresh HttpClient; dispose the returned handle with the test.</summary>
    public ClientHandle CreateClient(SnowflakeClientOptions? options = null, ISnowflakeTokenProvider? tokens = null, SnowflakeConnectionSettings? settings = null)
    {
        settings ??= Settings;
        var http = new HttpClient(SnowflakeClient.CreateDefaultHandler()) { BaseAddress = settings.BaseAddress };
        var client = new SnowflakeClient(http, settings, tokens ?? SnowflakeTokenProviders.Create(settings), options ?? FastRetries);
        return new ClientHandle(client, http);
    }

    /// <summary>Short backoffs so fault tests stay fast; same logic as the defaults.</summary>
    public static SnowflakeClientOptions FastRetries { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(100),
        PollInitialDelay = TimeSpan.FromMilliseconds(10),
        PollMaxDelay = TimeSpan.FromMilliseconds(100),
        RetryTimeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask DisposeAsync() => await _snowflake.DisposeAsync();

    public sealed class ClientHandle(SnowflakeClient client, HttpClient http) : IDisposable
    {
        public SnowflakeClient Client { get; } = client;

        public void Dispose() => http.Dispose();
    }
}
