using Snowferry.LocalSnowflake.Hosting;
using Xunit;

namespace Snowferry.Testing;

/// <summary>
/// The local Snowflake with the sample tables on a free loopback port, small partitions so every multi-partition path
/// runs, and a connections.toml written for it. One per test class (switches and tables are per instance).
/// </summary>
public class LocalSnowflakeFixture : IAsyncLifetime
{
    /// <summary>Scale of MOVIE_RATINGS_27M in tests: ~28k rows.</summary>
    public const double TestScale = 0.001;

    private LocalSnowflakeHost? _host;

    public LocalSnowflakeHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    protected virtual LocalSnowflakeHostOptions Options => new()
    {
        Scale = TestScale,
        PartitionRowCount = 1_000,
        SyncWait = TimeSpan.FromSeconds(2),
    };

    public async ValueTask InitializeAsync() =>
        _host = await LocalSnowflakeHost.StartAsync(Options, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
