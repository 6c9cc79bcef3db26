using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// Snowflake's SQL API (<c>/api/v2/statements</c>) on a loopback port, over a <see cref="LocalEngine"/>.
/// </summary>
public sealed class LocalSnowflakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalEngine? _engine;
    private readonly AuthValidator _auth;
    private readonly StatementRegistry _registry;
    private readonly StatementRunner _runner;
    private readonly WarehouseQueues _warehouses;
    private readonly ResultStore _store;
    private readonly ResultCache? _cache;
    private int _disposed;

    private LocalSnowflakeServer(
        LocalSnowflakeServerOptions options,
        LocalEngine? engine,
        WebApplication app,
        AuthValidator auth,
        StatementRegistry registry,
        StatementRunner runner,
        WarehouseQueues warehouses,
        ResultStore store,
        ResultCache? cache,
        LocalSnowflakeFaults faults,
        Uri baseAddress)
    {
        _cache = cache;
        Options = options;
        _engine = engine;
        _app = app;
        _auth = auth;
        _registry = registry;
        _runner = runner;
        _warehouses = warehouses;
        _store = store;
        Faults = faults;
        BaseAddress = baseAddress;
    }

    /// <summary>Starts the server on 127.0.0.1 (port 0 = a free one). The engine is owned by the caller.</summary>
    public static Task<LocalSnowflakeServer> StartAsync(LocalSnowflakeServerOptions options, LocalEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return StartAsync(options, engine, engine.Execute, LocalEngine.SplitStatements, cancellationToken);
    }

    /// <summary>
    /// An engine's server (context checks, result cache) whose statements run through <paramref name="execute"/>: a test
    /// wraps <see cref="LocalEngine.Execute"/> to count what reaches DuckDB.
    /// </summary>
    internal static Task<LocalSnowflakeServer> StartAsync(
        LocalSnowflakeServerOptions options,
        LocalEngine engine,
        Func<string, EngineContext, CancellationToken, EngineResult> execute,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return StartAsync(options, engine, execute, LocalEngine.SplitStatements, cancellationToken);
    }

    /// <summary>
    /// The seam the protocol tests use: any statement executor and splitter instead of an engine, so canned results
    /// exercise every response shape without DuckDB.
    /// </summary>
    internal static Task<LocalSnowflakeServer> StartAsync(
        LocalSnowflakeServerOptions options,
        Func<string, EngineContext, CancellationToken, EngineResult> execute,
        Func<string, IReadOnlyList<string>> split,
        CancellationToken cancellationToken) =>
        StartAsync(options, null, execute, split, cancellationToken);

    private static async Task<LocalSnowflakeServer> StartAsync(
        LocalSnowflakeServerOptions options,
        LocalEngine? engine,
        Func<string, EngineContext, CancellationToken, EngineResult> execute,
        Func<string, IReadOnlyList<string>> split,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(execute);
        ArgumentNullException.ThrowIfNull(split);
        options.Validate();

        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Snowferry.LocalSnowflake.Server");
        var faults = new LocalSnowflakeFaults();
        var auth = new AuthValidator(options.Account, options.TimeProvider);
        var registry = new StatementRegistry(options.TimeProvider, options.ResultLifetime);
        var store = new ResultStore(options.ResultDirectory, options.PartitionRowCount);
        var warehouses = new WarehouseQueues(options.MaxConcurrencyLevel);
        // Only an engine can say what a statement reads, so a server over a bare executor has no cache.
        var cache = engine is null || !options.UseCachedResult
            ? null
            : new ResultCache(engine, options.TimeProvider, options.ResultLifetime, options.ResultCacheMaxEntries, options.ResultCacheMaxBytes);
        var runner = new StatementRunner(execute, store, registry, warehouses, faults, options.TimeProvider, logger, cache);
        var endpoints = new StatementEndpoints(options, registry, runner, split, faults, logger, engine is null ? null : engine.CheckContext);
        var gate = new RequestGate(faults, auth, logger);

        WebApplication? app = null;
        try
        {
            // The empty builder: no configuration sources, no logging providers (Kestrel stays quiet), no hosting extras.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, options.Port);
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            });
            builder.Services.AddRoutingCore();
            app = builder.Build();
            app.UseRouting();
            app.Use(gate.InvokeAsync);
            app.MapPost(StatementUrls.Statements, endpoints.SubmitAsync);
            app.MapGet(StatementUrls.Statements + "/{handle}", endpoints.GetAsync);
            app.MapPost(StatementUrls.Statements + "/{handle}/cancel", endpoints.CancelAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            ServerLog.Started(logger, baseAddress);
            return new LocalSnowflakeServer(options, engine, app, auth, registry, runner, warehouses, store, cache, faults, baseAddress);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            store.Dispose();
            auth.Dispose();
            throw;
        }
    }

    public LocalSnowflakeServerOptions Options { get; }

    /// <summary>The engine statements run on; throws for a server started over a bare executor (tests).</summary>
    public LocalEngine Engine => _engine ?? throw new InvalidOperationException("This server was started over a statement executor, not a LocalEngine.");

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Fault switches for tests.</summary>
    public LocalSnowflakeFaults Faults { get; }

    /// <summary>
    /// How many statements run on <paramref name="warehouse"/> now, how many wait for it, and the most that ever ran at
    /// once (never above <see cref="LocalSnowflakeServerOptions.MaxConcurrencyLevel"/>). Names are matched exactly as
    /// requests send them; null is the pool of requests that name no warehouse.
    /// </summary>
    public LocalWarehouseLoad WarehouseLoad(string? warehouse) => _warehouses.Load(warehouse);

    /// <summary>
    /// What the result cache has answered and holds now; all zero when it is off
    /// (<see cref="LocalSnowflakeServerOptions.UseCachedResult"/>).
    /// </summary>
    public LocalResultCacheStatistics ResultCacheStatistics => _cache?.Statistics ?? new LocalResultCacheStatistics(0, 0, 0, 0, 0);

    /// <summary>Where result partitions are being written (a folder of this server's own, deleted on dispose).</summary>
    internal string ResultDirectory => _store.Directory;

    /// <summary>Registers a user's RSA public key (PEM, SubjectPublicKeyInfo) like <c>ALTER USER … SET RSA_PUBLIC_KEY</c>.</summary>
    public void RegisterPublicKey(string user, string publicKeyPem) => _auth.RegisterPublicKey(user, publicKeyPem);

    /// <summary>Registers a programmatic access token (secret) for a user.</summary>
    public void RegisterProgrammaticAccessToken(string user, string token) => _auth.RegisterProgrammaticAccessToken(user, token);

    /// <summary>Stops Kestrel, cancels running statements, deletes every result file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // Statements first: a POST waiting out its sync wait then answers at once, so Kestrel's stop does not wait on it.
            await _runner.StopAllAsync().ConfigureAwait(false);
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _cache?.Dispose();
            _store.Dispose();
            _registry.Dispose();
            _auth.Dispose();
        }
    }
}
