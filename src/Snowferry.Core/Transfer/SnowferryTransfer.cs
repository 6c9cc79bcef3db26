using Amazon.S3;
using Microsoft.Extensions.Logging;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;
using Snowferry.Unload;

namespace Snowferry.Transfer;

/// <summary>
/// The library's front door: <see cref="TransferDataAsync"/> moves a Snowflake table to an S3 bucket (or a local
/// folder) configured the ecosystem's way: Snowflake from connections.toml, S3 from the AWS SDK's default chain. It runs
/// the path <see cref="TransferOptions.Mode"/> asks for: streamed (<see cref="TransferJob"/>), unloaded by Snowflake
/// (<see cref="UnloadJob"/>), or either, by the estimated output size (<see cref="TransferModeChooser"/>).
/// </summary>
public static partial class SnowferryTransfer
{
    /// <summary>
    /// Moves <paramref name="sourceTable"/> to <paramref name="destinationS3Bucket"/>, fully blank rows dropped and
    /// aggregated to one row per month, and returns <c>{"file_name","row_count","timestamp"}</c>.
    /// </summary>
    /// <param name="sourceTable"><c>TABLE</c>, <c>SCHEMA.TABLE</c> or <c>DATABASE.SCHEMA.TABLE</c>, Snowflake identifier rules.</param>
    /// <param name="destinationS3Bucket">A bucket name, <c>s3://bucket/prefix</c>, or a local folder path.</param>
    /// <param name="options">Everything else; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the statement in Snowflake and aborts the upload.</param>
    public static async Task<TransferResult> TransferDataAsync(
        string sourceTable,
        string destinationS3Bucket,
        TransferOptions? options = null,
        CancellationToken cancellationToken = default) =>
        (await TransferAsync(sourceTable, destinationS3Bucket, options, cancellationToken).ConfigureAwait(false)).ToResult();

    /// <summary>As <see cref="TransferDataAsync"/>, returning the full <see cref="TransferReport"/>.</summary>
    /// <exception cref="UnloadException">Mode unload without a storage integration, or with a column the format cannot hold.</exception>
    public static Task<TransferReport> TransferAsync(
        string sourceTable,
        string destinationS3Bucket,
        TransferOptions? options = null,
        CancellationToken cancellationToken = default) =>
        TransferAsync(sourceTable, destinationS3Bucket, options, null, cancellationToken);

    /// <param name="sourceTable">The table.</param>
    /// <param name="destinationS3Bucket">The destination.</param>
    /// <param name="options">The options; defaults when null.</param>
    /// <param name="s3Client">An S3 client to use (the caller's: not disposed) instead of one from the SDK's chain.</param>
    /// <param name="cancellationToken">Cancels the statements and aborts the upload.</param>
    internal static async Task<TransferReport> TransferAsync(
        string sourceTable,
        string destinationS3Bucket,
        TransferOptions? options,
        IAmazonS3? s3Client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(destinationS3Bucket);
        options ??= new TransferOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.UnloadThresholdBytes);
        var address = TransferDestinations.Parse(destinationS3Bucket);
        // A mode that cannot be honoured fails here, before connecting to anything.
        var cannotUnload = options.Mode == TransferMode.Stream ? null : UnloadRefusal(address, options);
        if (options.Mode == TransferMode.Unload && cannotUnload is not null)
        {
            throw cannotUnload;
        }

        using var session = Connect(options);
        IAmazonS3? created = null;
        IAmazonS3 S3() => s3Client ?? (created ??= S3ClientFactory.Create(options.S3EndpointUrl, options.S3Region));
        try
        {
            var destination = TransferDestinations.Create(address, S3, options.TimeProvider, options.LoggerFactory);
            var job = session.CreateJob(destination, address.Prefix, options);
            return options.Mode == TransferMode.Stream
                ? await job.RunAsync(sourceTable, options, cancellationToken).ConfigureAwait(false)
                : await RunModeAsync(sourceTable, address, options, session, job, cannotUnload, S3, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            created?.Dispose();
        }
    }

    /// <summary>Reads the table's columns and returns the plan (roles and SQL), moving no data.</summary>
    public static async Task<TransferPlan> PlanAsync(string sourceTable, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        options ??= new TransferOptions();
        using var session = Connect(options);
        return await TransferPlanner.PlanAsync(session.Client, session.Settings, sourceTable, options.Plan, options.StatementTimeout, cancellationToken)
            .ConfigureAwait(false);
    }

    private static SnowflakeSession Connect(TransferOptions options) => new(SnowflakeDataSource.Create(
        new SnowflakeConnectionOptions { ConnectionName = options.ConnectionName, ConnectionsFile = options.ConnectionsFile },
        timeProvider: options.TimeProvider,
        loggerFactory: options.LoggerFactory));

    /// <summary>The connection a run uses, and how a run's streamed job is built on it.</summary>
    private sealed class SnowflakeSession(SnowflakeDataSource source) : IDisposable
    {
        public SnowflakeClient Client => source.Client;

        public SnowflakeConnectionSettings Settings => source.Settings;

        public TransferJob CreateJob(ITransferDestination destination, string prefix, TransferOptions options) =>
            new(Client, Settings, destination, prefix, options.TimeProvider, options.LoggerFactory?.CreateLogger<TransferJob>());

        public void Dispose() => source.Dispose();
    }
}
