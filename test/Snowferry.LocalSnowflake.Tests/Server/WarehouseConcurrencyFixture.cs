using Snowferry.LocalSnowflake.Hosting;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Configuration;
using Snowferry.Testing;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// The local Snowflake with a concurrency level of <see cref="Level"/> and a short sync wait, and the real client
/// configured as a user configures it, from the connections.toml the host wrote (so its requests name the warehouse
/// <see cref="Warehouse"/>).
/// </summary>
public sealed class WarehouseConcurrencyFixture : IAsyncLifetime
{
    public const int Level = 2;

    private readonly LevelledSnowflake _snowflake = new();
    private SnowflakeDataSource? _source;

    public LocalSnowflakeHost Host => _snowflake.Host;

    /// <summary>The warehouse connections.toml names.</summary>
    public string Warehouse => Host.Engine.Options.Warehouses[0];

    public SnowflakeClient Client => _source?.Client ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        await _snowflake.InitializeAsync();
        _source = SnowflakeDataSource.Create(
            new SnowflakeConnectionOptions { ConnectionsFile = Host.ConnectionsFilePath, ConnectionName = Host.ConnectionName },
            new SnowflakeClientOptions
            {
                RetryBaseDelay = TimeSpan.FromMilliseconds(10),
                RetryMaxDelay = TimeSpan.FromMilliseconds(100),
                PollInitialDelay = TimeSpan.FromMilliseconds(10),
                PollMaxDelay = TimeSpan.FromMilliseconds(100),
            });
    }

    public async ValueTask DisposeAsync()
    {
        _source?.Dispose();
        await _snowflake.DisposeAsync();
    }

    private sealed class LevelledSnowflake : LocalSnowflakeFixture
    {
        protected override LocalSnowflakeHostOptions Options => base.Options with
        {
            MaxConcurrencyLevel = Level,
            SyncWait = TimeSpan.FromMilliseconds(200),
        };
    }
}
