using Microsoft.Extensions.Logging;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Snowflake;

/// <summary>
/// One Snowflake connection, ready to use: the resolved connections.toml entry and the clients built on it (the HTTP
/// client, the token provider, the <see cref="SnowflakeClient"/>), which it owns and disposes. Immutable and
/// thread-safe, after Npgsql's data source: build one per connection and share it; everything that talks to Snowflake
/// gets its client here, so there is one place that decides how.
/// </summary>
public sealed class SnowflakeDataSource : IDisposable
{
    private readonly HttpClient _http;
    private readonly SnowflakeClientOptions? _clientOptions;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly PartitionWorkers _workers = new(Environment.ProcessorCount);

    private SnowflakeDataSource(
        SnowflakeConnectionSettings settings,
        SnowflakeClientOptions? clientOptions,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        Func<ISnowflakeTokenProvider, ISnowflakeTokenProvider>? wrapTokens = null)
    {
        Settings = settings;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _clientOptions = clientOptions;
        _loggerFactory = loggerFactory;
        // The key is read (and its passphrase checked) before any socket is opened: a bad key fails without a request.
        var tokens = SnowflakeTokenProviders.Create(settings, TimeProvider, loggerFactory?.CreateLogger("Snowferry.Snowflake.Authentication"));
        Tokens = wrapTokens is null ? tokens : wrapTokens(tokens);
        _http = new HttpClient(SnowflakeClient.CreateDefaultHandler()) { BaseAddress = settings.BaseAddress };
        try
        {
            Client = CreateClient(settings);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The connection the clients talk to (<see cref="SnowflakeConnectionSettings.ToString"/> shows no secret).</summary>
    public SnowflakeConnectionSettings Settings { get; }

    /// <summary>Runs statements with the connection's role, warehouse, database and schema.</summary>
    public SnowflakeClient Client { get; }

    /// <summary>The clock tokens are dated and retries are timed by.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The bearer tokens the clients send (the key-pair provider also knows the key's fingerprint).</summary>
    internal ISnowflakeTokenProvider Tokens { get; }

    /// <summary>Loads the connection <paramref name="connection"/> names and builds its clients.</summary>
    /// <param name="connection">Which connection, from which file; the default connection when null.</param>
    /// <param name="clientOptions">Retry, poll and prefetch settings; the defaults when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="loggerFactory">Receives the configuration, token and client logs (never a secret); nothing logged when null.</param>
    /// <exception cref="SnowflakeConfigurationException">
    /// No connections file, an unknown connection, an unsupported authenticator, a key or token that cannot be read.
    /// </exception>
    public static SnowflakeDataSource Create(
        SnowflakeConnectionOptions? connection = null,
        SnowflakeClientOptions? clientOptions = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        connection ??= new SnowflakeConnectionOptions();
        var settings = SnowflakeConnections.Load(connection with
        {
            Logger = connection.Logger ?? loggerFactory?.CreateLogger("Snowferry.Snowflake.Configuration"),
        });
        return new SnowflakeDataSource(settings, clientOptions, timeProvider, loggerFactory);
    }

    /// <summary>Builds the clients for a connection already resolved (e.g. by <see cref="SnowflakeConnections.Load"/>).</summary>
    /// <exception cref="SnowflakeConfigurationException">An unsupported authenticator, or a key or token that cannot be read.</exception>
    public static SnowflakeDataSource Create(
        SnowflakeConnectionSettings settings,
        SnowflakeClientOptions? clientOptions = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SnowflakeDataSource(settings, clientOptions, timeProvider, loggerFactory);
    }

    /// <summary>As <see cref="Create(SnowflakeConnectionSettings, SnowflakeClientOptions?, TimeProvider?, ILoggerFactory?)"/>, the tokens wrapped (tests expire them).</summary>
    internal static SnowflakeDataSource Create(
        SnowflakeConnectionSettings settings,
        SnowflakeClientOptions? clientOptions,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        Func<ISnowflakeTokenProvider, ISnowflakeTokenProvider>? wrapTokens) =>
        new(settings, clientOptions, timeProvider, loggerFactory, wrapTokens);

    /// <summary>
    /// A client on the same HTTP connections and tokens that sends <paramref name="context"/>'s role, warehouse, database
    /// and schema instead of the connection's (null ones are left out, so Snowflake uses the user's defaults). Owned by
    /// this data source.
    /// </summary>
    internal SnowflakeClient CreateClient(SnowflakeConnectionSettings context) =>
        new(_http, context, Tokens, _clientOptions, TimeProvider, _loggerFactory?.CreateLogger<SnowflakeClient>())
        {
            // Every client of the data source decodes in the same slots: the bound is per data source, not per client.
            Workers = _workers,
        };

    /// <summary>Closes the HTTP connections and releases the private key.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _workers.Dispose();
        (Tokens as IDisposable)?.Dispose();
    }
}
