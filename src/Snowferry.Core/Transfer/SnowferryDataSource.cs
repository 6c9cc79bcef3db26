using System.Diagnostics.Metrics;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Planning;
using Snowferry.Snowflake;

namespace Snowferry.Transfer;

/// <summary>
/// Everything transfers share, after Npgsql's data source: one Snowflake connection (one pooled HTTP handler, the token
/// cached and renewed), the S3 clients (one per region and endpoint, each bucket's region found once), the logger
/// factory, the clock and the <c>Snowferry</c> meter. Immutable and thread-safe: build one per process (or per
/// connection) with <see cref="SnowferryDataSourceBuilder"/>, run any number of transfers from it at once, dispose it
/// after the last one has finished.
/// </summary>
public sealed partial class SnowferryDataSource : IDisposable
{
    private readonly S3ClientCache _s3;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TransferMetrics _metrics = new();
    private int _disposed;

    internal SnowferryDataSource(
        SnowflakeDataSource snowflake,
        Uri? s3Endpoint,
        string? s3Region,
        AWSCredentials? s3Credentials,
        IAmazonS3? s3Client,
        ILoggerFactory? loggerFactory,
        TimeProvider timeProvider)
    {
        Snowflake = snowflake;
        TimeProvider = timeProvider;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("Snowferry.Transfer");
        _s3 = new S3ClientCache(s3Endpoint, s3Region, s3Credentials, s3Client, _logger);
    }

    /// <summary>The Snowflake connection (its <see cref="SnowflakeDataSource.Client"/> runs statements).</summary>
    public SnowflakeDataSource Snowflake { get; }

    /// <summary>The clock for keys, timestamps and durations.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The <c>Snowferry</c> meter: transfers started, succeeded and failed, rows and bytes written, durations.</summary>
    public Meter Meter => _metrics.Meter;

    /// <summary>S3 clients made so far: one per (region, endpoint) used, however many transfers ran.</summary>
    internal int S3ClientsCreated => _s3.ClientsCreated;

    /// <summary>A data source configured the ecosystem's way (connections.toml, the AWS SDK's chain).</summary>
    /// <exception cref="SnowflakeConfigurationException">The default connection cannot be loaded.</exception>
    public static SnowferryDataSource Create() => new SnowferryDataSourceBuilder().Build();

    /// <summary>
    /// Moves <paramref name="sourceTable"/> to <paramref name="destination"/>, fully blank rows dropped and aggregated to
    /// one row per month, by the path <see cref="TransferOptions.Mode"/> asks for, and reports what it wrote.
    /// </summary>
    /// <param name="sourceTable"><c>TABLE</c>, <c>SCHEMA.TABLE</c> or <c>DATABASE.SCHEMA.TABLE</c>, Snowflake identifier rules.</param>
    /// <param name="destination">A bucket name, <c>s3://bucket/prefix</c>, or a local folder path.</param>
    /// <param name="options">The run's settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the statements in Snowflake and aborts the upload.</param>
    /// <exception cref="ArgumentException">An option is out of range or not supported by the mode.</exception>
    /// <exception cref="DestinationException">A malformed destination; or the file could not be written, and nothing was left behind.</exception>
    /// <exception cref="Unload.UnloadException">Mode unload without a storage integration, or with a column the format cannot hold.</exception>
    /// <exception cref="PlanException">The table or the column roles are wrong.</exception>
    /// <exception cref="SnowflakeException">Snowflake refused or failed a statement.</exception>
    public Task<TransferReport> TransferAsync(
        string sourceTable, string destination, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(destination);
        var address = TransferDestinations.Parse(destination);
        return TransferAsync(TransferRun.Create(sourceTable, address, options ?? new TransferOptions()), address, cancellationToken);
    }

    /// <summary>A run already described and checked, to the destination it was described for.</summary>
    internal Task<TransferReport> TransferAsync(TransferRun run, DestinationAddress address, CancellationToken cancellationToken) =>
        RunAsync(run, ct => OpenAsync(address, ct), cancellationToken);

    /// <summary>
    /// Streams <paramref name="sourceTable"/> into a destination of the caller's (a new kind of store is one
    /// <see cref="ITransferDestination"/>), under <see cref="TransferOptions.KeyPrefix"/>. Streamed only: an unload needs
    /// an S3 bucket Snowflake can write to, so mode unload is refused and mode auto streams, saying why in the report.
    /// </summary>
    /// <exception cref="DestinationException">Mode unload (give an S3 address instead).</exception>
    public Task<TransferReport> TransferAsync(
        string sourceTable, ITransferDestination destination, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(destination);
        var run = TransferRun.Create(sourceTable, null, options ?? new TransferOptions());
        return RunAsync(run, _ => Task.FromResult(destination), cancellationToken);
    }

    /// <summary>Reads the table's columns and returns the plan (roles and SQL), moving no data.</summary>
    /// <param name="sourceTable">The table.</param>
    /// <param name="options">Only <see cref="TransferOptions.Plan"/> and <see cref="TransferOptions.StatementTimeout"/> are read.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public Task<TransferPlan> PlanAsync(string sourceTable, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= new TransferOptions();
        return TransferPlanner.PlanAsync(Snowflake.Client, Snowflake.Settings, sourceTable, options.Plan, options.StatementTimeout, cancellationToken);
    }

    /// <summary>
    /// Checks the options, plans, and says what the transfer would run, moving no data: the plan and, for an unload,
    /// its <c>COPY INTO</c> statement (mode auto: the statement it would run if the estimate chose to unload).
    /// </summary>
    public async Task<string> DryRunAsync(
        string sourceTable, string destination, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var address = TransferDestinations.Parse(destination);
        var run = TransferRun.Create(sourceTable, address, options ?? new TransferOptions());
        var target = await OpenAsync(address, cancellationToken).ConfigureAwait(false);
        return await new TransferPipeline(Context(), target).DryRunAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a transfer the way <see cref="TransferAsync(string, string, TransferOptions?, CancellationToken)"/> does
    /// before it talks to anyone: the destination's form, the options against each other, the mode against the
    /// destination. Offline and immediate, for fronts that accept a transfer now and run it later (a service's queue).
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range or not supported by the mode.</exception>
    /// <exception cref="DestinationException">A malformed destination.</exception>
    /// <exception cref="Unload.UnloadException">Mode unload without a storage integration, or with options it cannot honour.</exception>
    public void Validate(string sourceTable, string destination, TransferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _ = TransferRun.Create(sourceTable, TransferDestinations.Parse(destination), options ?? new TransferOptions());
    }

    /// <summary>
    /// Opens a file a transfer wrote (its data file or manifest, as the report names it: <c>s3://bucket/key</c> or a
    /// local path) for reading, through this data source's S3 clients. The caller disposes the stream.
    /// </summary>
    /// <exception cref="DestinationException">It does not exist, or cannot be read.</exception>
    public async Task<Stream> OpenReadAsync(string location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var address = TransferDestinations.Parse(location);
        if (address.Kind != DestinationKind.S3)
        {
            return new FileStream(address.FolderPath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        }

        var s3 = await _s3.ForBucketAsync(address.Bucket!, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await s3.GetObjectAsync(address.Bucket, address.Prefix, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new DestinationException(DestinationErrorKind.NotFound, $"{location} does not exist.", e);
        }
    }

    private async Task<TransferReport> RunAsync(
        TransferRun run,
        Func<CancellationToken, Task<ITransferDestination>> open,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var started = TimeProvider.GetTimestamp();
        _metrics.Started();
        try
        {
            var destination = await open(cancellationToken).ConfigureAwait(false);
            var report = await new TransferPipeline(Context(), destination).RunAsync(run, cancellationToken).ConfigureAwait(false);
            _metrics.Succeeded(report, TimeProvider.GetElapsedTime(started));
            return report;
        }
        catch (Exception e)
        {
            _metrics.Failed(e, TimeProvider.GetElapsedTime(started));
            throw;
        }
    }

    private TransferContext Context() => new(Snowflake.Client, Snowflake.Settings, TimeProvider, _loggerFactory);

    private async Task<ITransferDestination> OpenAsync(DestinationAddress address, CancellationToken cancellationToken)
    {
        // Only an S3 destination needs a client, and only its bucket's region decides which.
        var s3 = address.Kind == DestinationKind.S3 ? await _s3.ForBucketAsync(address.Bucket!, cancellationToken).ConfigureAwait(false) : null;
        return TransferDestinations.Create(address, () => s3!, TimeProvider, _loggerFactory);
    }

    /// <summary>Closes the HTTP connections, disposes the S3 clients it made, releases the private key.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _s3.Dispose();
        _metrics.Dispose();
        Snowflake.Dispose();
    }
}
