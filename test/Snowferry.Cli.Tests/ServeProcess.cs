using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Snowferry.Cli.Tests;

/// <summary>
/// <c>snowferry serve</c> as a child process against the fixture's servers: a configuration file with one client, its
/// own state file and port, no metrics address. Started and waited for until <c>/healthz</c> answers.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly Task<string> _stdout;

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _stderr = process.StandardError.ReadToEndAsync();
        _stdout = process.StandardOutput.ReadToEndAsync();
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Writes the configuration for one client <c>acme</c> (tables <c>ORDERS_*</c>, destination <c>s3://bucket/serve/</c>).</summary>
    public static string WriteConfig(string folder, string keyHash, string bucket, TimeSpan drain, int partSizeMiB = 8)
    {
        var path = Path.Combine(folder, "service.json");
        var config = new
        {
            Snowferry = new
            {
                ManagementUrl = "",
                DrainPeriod = drain.ToString("c", CultureInfo.InvariantCulture),
                PartSizeMiB = partSizeMiB,
                Clients = new Dictionary<string, object>
                {
                    ["acme"] = new
                    {
                        KeyHash = keyHash,
                        AllowedTables = new[] { "ORDERS_*" },
                        AllowedDestinations = new[] { $"s3://{bucket}/serve/" },
                    },
                },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        return path;
    }

    public static async Task<ServeProcess> StartAsync(
        CliFixture fixture, string config, string state, CancellationToken cancellationToken, Uri? s3Endpoint = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(state)!,
        };
        foreach (var argument in new[] { CliRunner.Dll, "serve", "--config", config, "--state", state, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in fixture.Environment())
        {
            start.Environment[name] = value;
        }

        start.Environment.Remove("AWS_PROFILE");
        if (s3Endpoint is not null)
        {
            start.Environment["AWS_ENDPOINT_URL_S3"] = s3Endpoint.AbsoluteUri;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var serve = new ServeProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (serve.HasExited)
            {
                throw new InvalidOperationException($"snowferry serve exited with {serve.ExitCode}: {await serve._stderr}");
            }

            try
            {
                using var health = await http.GetAsync("/healthz", cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return serve;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the process is starting.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public static StringContent Body(string table, string destination, string options = "{}") =>
        new($$"""{"source_table":"{{table}}","destination_s3_bucket":"{{destination}}","options":{{options}}}""", Encoding.UTF8, "application/json");

    public async Task SignalAsync(int signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-" + signal.ToString(CultureInfo.InvariantCulture), _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
    }

    public async Task<(int ExitCode, string Stderr)> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return (_process.ExitCode, await _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await Task.WhenAll(_stderr, _stdout);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
