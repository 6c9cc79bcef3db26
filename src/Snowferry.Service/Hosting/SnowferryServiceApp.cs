using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;
using OpenTelemetry.Metrics;
using Snowferry.Service.Authentication;
using Snowferry.Service.Configuration;
using Snowferry.Service.Jobs;
using Snowferry.Snowflake.Client;
using Snowferry.Transfer;

namespace Snowferry.Service.Hosting;

/// <summary>
/// Builds <c>snowferry serve</c>: ASP.NET Core minimal APIs on Kestrel, configured the ASP.NET Core way, over one
/// <see cref="SnowferryDataSource"/> shared by every request and job. Start-up refuses what it cannot serve (no client, a
/// malformed hash or pattern, Snowflake unreachable for the connection's database and schema) before it listens.
/// </summary>
public static partial class SnowferryServiceApp
{
    /// <summary>Builds the application and settles its start-up state; start it with <c>StartAsync</c> or <c>RunAsync</c>.</summary>
    /// <exception cref="ServiceConfigurationException">The configuration cannot be served; the message says what to fix.</exception>
    /// <exception cref="Snowflake.SnowflakeConfigurationException">connections.toml or its key cannot be read.</exception>
    public static async Task<WebApplication> BuildAsync(ServiceStartOptions start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. start.Args] });
        Configure(builder.Configuration, start);
        var options = ReadOptions(builder.Configuration);
        var managementPort = ManagementPort(options);
        if (!builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            // With Kestrel:Endpoints the operator lists every endpoint, the management one included (docs/SERVICE.md).
            var urls = start.Urls ?? builder.Configuration["urls"] ?? ServiceStartOptions.DefaultUrls;
            if (managementPort is { } port && urls.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Any(u => Uri.TryCreate(u.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Port == port))
            {
                throw new ServiceConfigurationException(
                    $"The public address ({urls}) and Snowferry:ManagementUrl share port {port}: metrics must never be served on the public address. Give them different ports.");
            }

            builder.WebHost.UseUrls(managementPort is null ? urls : urls + ";" + options.ManagementUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.DrainPeriod + TimeSpan.FromSeconds(30));
        AddServices(builder.Services, options);

        var app = builder.Build();
        try
        {
            await SettleAsync(app, options, start, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The container owns only what it has handed out; what start-up made before failing is released here.
            var startup = app.Services.GetRequiredService<ServiceStartup>();
            startup.DataSource?.Dispose();
            if (startup.Store is not null)
            {
                await startup.Store.DisposeAsync().ConfigureAwait(false);
            }

            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        MapEndpoints(app, managementPort);
        return app;
    }

    // appsettings.json < --config FILE < environment (Snowferry__...) < command line < --state, --urls.
    private static void Configure(ConfigurationManager configuration, ServiceStartOptions start)
    {
        if (start.ConfigFile is { } file)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                throw new ServiceConfigurationException($"The configuration file {path} does not exist: check --config.");
            }

            var sources = (IList<IConfigurationSource>)configuration.Sources;
            var at = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
            var json = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = false };
            json.ResolveFileProvider();
            sources.Insert(at < 0 ? sources.Count : at, json);
        }

        var overrides = new Dictionary<string, string?>(start.Overrides ?? new Dictionary<string, string?>());
        if (start.StateFile is { } state)
        {
            overrides[ServiceOptions.Section + ":State"] = state;
        }

        if (overrides.Count > 0)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }

    private static ServiceOptions ReadOptions(ConfigurationManager configuration)
    {
        ServiceOptions options;
        try
        {
            options = configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new ServiceConfigurationException($"The Snowferry configuration section cannot be read: {e.Message}", e);
        }

        static void Positive(bool ok, string what)
        {
            if (!ok)
            {
                throw new ServiceConfigurationException($"Snowferry:{what}.");
            }
        }

        Positive(options.MemoryBudgetMiB > 0, "MemoryBudgetMiB must be a positive number of MiB");
        Positive(options.TransferCostMiB > 0, "TransferCostMiB must be a positive number of MiB");
        Positive(options.PartSizeMiB is >= 5 and <= 512, "PartSizeMiB must be between 5 and 512 (S3's smallest part is 5 MiB)");
        Positive(options.MaxUnloadJobs > 0, "MaxUnloadJobs must be at least 1");
        Positive(options.RequestsPerMinute > 0, "RequestsPerMinute must be at least 1");
        Positive(options.MaxRequestBytes >= 1024, "MaxRequestBytes must be at least 1024");
        Positive(options.Retention > TimeSpan.Zero, "Retention must be positive (e.g. 30.00:00:00)");
        Positive(options.MaxJobDuration > TimeSpan.Zero, "MaxJobDuration must be positive (e.g. 06:00:00)");
        Positive(options.DrainPeriod >= TimeSpan.Zero, "DrainPeriod must not be negative");
        Positive(!string.IsNullOrWhiteSpace(options.State), "State must name the SQLite file of the jobs (--state)");
        return options;
    }

    private static void AddServices(IServiceCollection services, ServiceOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServiceStartup>();
        services.AddSingleton(sp => ServiceStartup.Require(sp.GetRequiredService<ServiceStartup>().DataSource));
        services.AddSingleton(sp => ServiceStartup.Require(sp.GetRequiredService<ServiceStartup>().Runtime));
        services.AddSingleton(sp => ServiceStartup.Require(sp.GetRequiredService<ServiceStartup>().Clients));
        services.AddSingleton(sp => ServiceStartup.Require(sp.GetRequiredService<ServiceStartup>().Store));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceClients>().Directory);
        services.AddSingleton<JobScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<TransferJobs>();
        services.AddSingleton<ReadinessCheck>();
        services.ConfigureHttpJsonOptions(json => Api.ServiceJson.Configure(json.SerializerOptions));
        services.AddAuthentication(ClientKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ClientKeyAuthenticationHandler>(ClientKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddClientRateLimiting(options.RequestsPerMinute);
        services.AddProblemDetails();
        // Malformed query values answer 400 in every environment (not an exception in Development): a problem is written.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = false);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Snowferry", ServiceMetrics.MeterName) // the library's meter (SnowferryDataSource.Meter) and ours
            .AddPrometheusExporter());
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "snowferry";
            document.Info.Description = "Transfers of Snowflake tables to S3 as jobs: blank rows dropped, aggregated by month, one file per run. "
                + "Every /v1 route needs 'Authorization: Bearer <client key>'; errors are RFC 9457 problems (docs/PROBLEMS.md).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["clientKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The client's key, from 'snowferry serve new-key'.",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("clientKey", document)] = [] }];
            return Task.CompletedTask;
        }));
    }

    private static int? ManagementPort(ServiceOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ManagementUrl))
        {
            return null;
        }

        if (!Uri.TryCreate(options.ManagementUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.IsDefaultPort || uri.Port == 0)
        {
            throw new ServiceConfigurationException(
                $"Snowferry:ManagementUrl '{options.ManagementUrl}' must be an http(s) URL with an explicit port, e.g. http://127.0.0.1:9464 (or empty for no metrics).");
        }

        return uri.Port;
    }

    // The data source (with the host's logging), the connection's namespace, the clients and the store, before listening.
    private static async Task SettleAsync(WebApplication app, ServiceOptions options, ServiceStartOptions start, CancellationToken cancellationToken)
    {
        var startup = app.Services.GetRequiredService<ServiceStartup>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        var dataSource = new SnowferryDataSourceBuilder()
            .UseConnection(options.Connection, options.ConnectionsFile)
            .UseS3Endpoint(options.S3EndpointUrl is { } url ? new Uri(url, UriKind.Absolute) : null)
            .UseS3Region(options.S3Region)
            .UseLoggerFactory(app.Services.GetRequiredService<ILoggerFactory>())
            .UseTimeProvider(time);
        start.ConfigureDataSource?.Invoke(dataSource);
        startup.DataSource = dataSource.Build();
        var (database, schema) = await ReadNamespaceAsync(startup.DataSource.Snowflake.Client, cancellationToken).ConfigureAwait(false);
        startup.Runtime = new ServiceRuntime(options, database, schema);
        startup.Clients = ServiceClients.Create(options, database, schema);
        var store = new SqliteJobStore(options.State);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new ServiceConfigurationException($"The job store {Path.GetFullPath(options.State)} cannot be opened: {e.Message} Check --state.", e);
        }

        startup.Store = store;
        _ = app.Services.GetRequiredService<ServiceMetrics>(); // its gauges exist from the start, not from the first job
        Log.Ready(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Snowferry.Service"), startup.Clients.Count, database, schema,
            startup.Runtime.StreamingSlots);
    }

    // Snowflake's own answer is the exact name either way (connections.toml's values are folded like identifiers, the
    // request's context fields are not), as the planner does it.
    private static async Task<(string? Database, string? Schema)> ReadNamespaceAsync(SnowflakeClient client, CancellationToken cancellationToken)
    {
        string? database = null, schema = null;
        try
        {
            var result = await client.ExecuteAsync(
                "SELECT CURRENT_DATABASE(), CURRENT_SCHEMA()", new SnowflakeStatementOptions { Timeout = TimeSpan.FromMinutes(1) }, cancellationToken)
                .ConfigureAwait(false);
            await foreach (var batch in result.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
            {
                if (batch.RowCount > 0)
                {
                    database = batch.GetValue<string?>(0, 0);
                    schema = batch.GetValue<string?>(0, 1);
                }
            }
        }
        catch (Exception e) when (e is Snowflake.SnowflakeException or HttpRequestException)
        {
            throw new ServiceConfigurationException(
                $"Snowflake could not be asked for the connection's database and schema, which complete the clients' table patterns: {e.Message} " +
                "Check the connection with 'snowferry doctor'.", e);
        }

        // Without them only fully qualified patterns and names can be served: the allowlists refuse the rest, by name.
        return (string.IsNullOrEmpty(database) ? null : database, string.IsNullOrEmpty(schema) ? null : schema);
    }
}
