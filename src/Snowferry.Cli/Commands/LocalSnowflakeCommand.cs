using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Hosting;
using Snowferry.LocalSnowflake.S3;
using Snowferry.LocalSnowflake.Server;
using Spectre.Console;

namespace Snowferry.Cli.Commands;

/// <summary><c>snowferry local-snowflake</c>: the local Snowflake for anyone developing against it, until Ctrl-C or SIGTERM.</summary>
internal static class LocalSnowflakeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var data = new Option<FileInfo?>("--data") { Description = "A DuckDB file that keeps the tables between runs (in memory when omitted)." };
        var scale = new Option<double>("--scale")
        {
            Description = "Fraction of MOVIE_RATINGS_27M's full 27,753,444 rows to generate (1 = full size).",
            DefaultValueFactory = _ => 0.01,
        };
        scale.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (value is <= 0 or > 1 || double.IsNaN(value))
            {
                r.AddError($"--scale must be in (0, 1], got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var connections = new Option<FileInfo>("--connections-file")
        {
            Description = "Where to write the connections.toml for it (a connection named 'local'; the key file goes beside it).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(".snowferry", "local", "connections.toml")),
        };
        var s3 = new Option<Uri?>("--s3-endpoint-url")
        {
            Description = $"Register the storage integration {LocalSnowflakeHostOptions.DefaultS3IntegrationName} for COPY INTO (snowferry unload), writing to this " +
                "S3-compatible endpoint with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_REGION (the local S3 server's test keys when unset).",
            CustomParser = CliOptions.ParseUri,
        };
        var concurrency = new Option<int>("--max-concurrency-level")
        {
            Description = "Statements that run at once per warehouse, as Snowflake's MAX_CONCURRENCY_LEVEL; the rest queue (answered 202 meanwhile).",
            DefaultValueFactory = _ => LocalSnowflakeServerOptions.DefaultMaxConcurrencyLevel,
        };
        concurrency.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<int>();
            if (value < 1)
            {
                r.AddError($"--max-concurrency-level must be at least 1, got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var noResultCache = new Option<bool>("--no-result-cache")
        {
            Description = "Run every statement: turn off the result cache (on by default, as Snowflake's USE_CACHED_RESULT), which answers " +
                "a repeated query over unchanged tables with its stored result.",
        };
        var command = new Command("local-snowflake", "Serve the SQL API over an embedded DuckDB with the sample tables, and write a connections.toml for it.")
        {
            port, data, scale, connections, s3, concurrency, noResultCache,
        };
        command.SetAction((parse, ct) => RunAsync(
            new LocalSnowflakeHostOptions
            {
                Port = parse.GetValue(port),
                Scale = parse.GetValue(scale),
                DataFile = parse.GetValue(data)?.FullName,
                ConnectionsFile = parse.GetValue(connections)!.FullName,
                S3Integration = Integration(parse.GetValue(s3)),
                MaxConcurrencyLevel = parse.GetValue(concurrency),
                UseCachedResult = !parse.GetValue(noResultCache),
            },
            ct));
        return command;
    }

    private static LocalStorageIntegration? Integration(Uri? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }

        var defaults = new LocalS3ServerOptions();
        return new LocalStorageIntegration
        {
            ServiceUrl = endpoint,
            AccessKeyId = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? defaults.AccessKeyId,
            SecretAccessKey = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? defaults.SecretAccessKey,
            Region = Environment.GetEnvironmentVariable("AWS_REGION") ?? defaults.Region,
        };
    }

    private static async Task<int> RunAsync(LocalSnowflakeHostOptions options, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        console.MarkupLine($"Generating the sample tables (MOVIE_RATINGS_27M at scale {options.Scale.ToString(CultureInfo.InvariantCulture)})...");
        // Warnings and errors on stderr: a statement that crashes inside the server reaches its client only as 000603.
        using var logging = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var host = await LocalSnowflakeHost.StartAsync(options with { LoggerFactory = logging }, stop.Token).ConfigureAwait(false);
        LocalResultCacheStatistics cache;
        await using (host.ConfigureAwait(false))
        {
            console.MarkupLineInterpolated($"Local Snowflake listening on [blue]{host.BaseAddress}[/]");
            console.MarkupLineInterpolated($"connections.toml: {host.ConnectionsFilePath} (connection [green]{host.ConnectionName}[/])");
            console.MarkupLineInterpolated($"Try: SNOWFLAKE_HOME={Path.GetDirectoryName(host.ConnectionsFilePath)} SNOWFLAKE_DEFAULT_CONNECTION_NAME={host.ConnectionName} snowferry ...");
            console.MarkupLine("Press Ctrl-C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            cache = host.Server.ResultCacheStatistics;
        }

        // The bench reads this line to check that its cached rows were answered from the cache.
        console.MarkupLineInterpolated(
            CultureInfo.InvariantCulture, $"Stopped. Result cache: {cache.Hits} hits, {cache.RowsServed} rows served, {cache.Stored} stored.");
        return 0;
    }
}
