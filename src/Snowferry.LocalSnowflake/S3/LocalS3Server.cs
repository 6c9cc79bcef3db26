using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Snowferry.LocalSnowflake.S3;

/// <summary>
/// The local S3 server of the demo and the tests: fauxqs (npm) run by the Node 22 binary that tools/s3's lock file pins,
/// on a loopback port. Disposing stops the process tree and deletes the storage folder it owns.
/// </summary>
public sealed partial class LocalS3Server : IAsyncDisposable
{
    private const string PortLinePrefix = "FAUXQS_PORT=";

    private readonly Process _process;
    private readonly string? _ownedStorage;
    private readonly StringBuilder _stderr;
    private int _disposed;

    private LocalS3Server(Process process, int port, string storageDirectory, string? ownedStorage, StringBuilder stderr, LocalS3ServerOptions options)
    {
        _process = process;
        _ownedStorage = ownedStorage;
        _stderr = stderr;
        Port = port;
        StorageDirectory = storageDirectory;
        Options = options;
        ServiceUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
    }

    /// <summary>The options it was started with (credentials and region for clients).</summary>
    public LocalS3ServerOptions Options { get; }

    /// <summary>The endpoint for S3 clients (path-style addressing).</summary>
    public Uri ServiceUrl { get; }

    public int Port { get; }

    /// <summary>Where fauxqs keeps the objects.</summary>
    public string StorageDirectory { get; }

    /// <summary>
    /// The AWS SDK settings that point a client at this server, as the SDK's default chain reads them from the
    /// environment: <c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_REGION</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> AwsEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL_S3"] = ServiceUrl.AbsoluteUri.TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = Options.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = Options.SecretAccessKey,
        ["AWS_REGION"] = Options.Region,
    };

    /// <summary>
    /// Starts fauxqs and waits until it answers HTTP. Outside a clone of the repository (an installed tool) the first
    /// start installs it with npm into the cache folder (<see cref="LocalS3ServerOptions.CacheDirectory"/>).
    /// </summary>
    public static async Task<LocalS3Server> StartAsync(LocalS3ServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tools = await LocateToolsAsync(options, AppContext.BaseDirectory, Directory.GetCurrentDirectory(), cancellationToken).ConfigureAwait(false);
        var node = LocalS3Tools.NodePath(tools);
        if (!LocalS3Tools.IsInstalled(tools))
        {
            throw new InvalidOperationException(
                $"The local S3 server is not installed in {tools}: run `npm ci --prefix tools/s3` from the repository root (./scripts/test.sh does it).");
        }

        string? owned = null;
        var storage = options.StorageDirectory;
        if (storage is null)
        {
            owned = Directory.CreateTempSubdirectory("snowferry-s3-").FullName;
            storage = owned;
        }
        else
        {
            Directory.CreateDirectory(storage);
        }

        var stderr = new StringBuilder();
        var process = new Process { StartInfo = StartInfo(node, tools, storage, options.Port) };
        process.ErrorDataReceived += (_, e) => AppendBounded(stderr, e.Data);
        try
        {
            process.Start();
            process.BeginErrorReadLine();
            var port = await ReadPortAsync(process, stderr, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            var server = new LocalS3Server(process, port, storage, owned, stderr, options);
            await server.WaitUntilAnsweringAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            Stop(process);
            process.Dispose();
            DeleteQuietly(owned);
            throw;
        }
    }

    /// <summary>Creates a bucket (fauxqs takes unsigned requests; real S3 would need a signed CreateBucket).</summary>
    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        using var http = new HttpClient();
        using var response = await http.PutAsync(new Uri(ServiceUrl, Uri.EscapeDataString(bucket)), content: null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"The local S3 server refused to create bucket '{bucket}' (HTTP {(int)response.StatusCode}): {body}");
        }
    }

    /// <summary>Stops the server (its whole process tree) and deletes the storage folder it created.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop(_process);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _process.Dispose();
        DeleteQuietly(_ownedStorage);
    }

    /// <summary>What the server wrote on stderr so far (bounded), for diagnosing a failed test.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(ServiceUrl, deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException) when (!deadline.IsCancellationRequested && !_process.HasExited)
            {
                await Task.Delay(50, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"The local S3 server did not answer on {ServiceUrl} within {timeout}. stderr: {StandardError}");
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException && _process.HasExited)
            {
                throw new InvalidOperationException($"The local S3 server exited with code {_process.ExitCode}. stderr: {StandardError}", e);
            }
        }
    }
}
