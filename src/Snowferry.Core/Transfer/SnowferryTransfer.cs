using Amazon.S3;
using Microsoft.Extensions.Logging;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Transfer;

/// <summary>
/// The library's front door: <see cref="TransferDataAsync"/> moves a Snowflake table to an S3 bucket (or a local
/// folder) configured the ecosystem's way: Snowflake from connections.toml, S3 from the AWS SDK's default chain.
/// </summary>
public static class SnowferryTransfer
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
    public static async Task<TransferReport> TransferAsync(
        string sourceTable,
        string destinationS3Bucket,
        TransferOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(destinationS3Bucket);
        options ??= new TransferOptions();
        var address = TransferDestinations.Parse(destinationS3Bucket);
        using var session = Connect(options);
        IAmazonS3? s3 = null;
        try
        {
            var destination = TransferDestinations.Create(
                address, () => s3 ??= S3ClientFactory.Create(options.S3EndpointUrl, options.S3Region), options.TimeProvider, options.LoggerFactory);
            var job = session.CreateJob(destination, address.Prefix, options);
            return await job.RunAsync(sourceTable, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            s3?.Dispose();
        }
    }

    /// <summary>Reads the table's columns and returns the plan (roles and SQL), moving no data.</summary>
    public static async Task<TransferPlan> PlanAsync(string sourceTable, TransferOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        options ??= new TransferOptions();
        using var session = Connect(options);
        return await TransferPlanner.PlanAsync(session.Client, session.Settings, sourceTable, options.Plan, cancellationToken).ConfigureAwait(false);
    }

    private static SnowflakeSession Connect(TransferOptions options)
    {
        var loggers = options.LoggerFactory;
        var settings = SnowflakeConnections.Load(new SnowflakeConnectionOptions
        {
            ConnectionName = options.ConnectionName,
            ConnectionsFile = options.ConnectionsFile,
            Logger = loggers?.CreateLogger("Snowferry.Snowflake.Configuration"),
        });
        var http = new HttpClient(SnowflakeClient.CreateDefaultHandler()) { BaseAddress = settings.BaseAddress };
        var client = new SnowflakeClient(
            http,
            settings,
            SnowflakeTokenProviders.Create(settings, options.TimeProvider, loggers?.CreateLogger("Snowferry.Snowflake.Authentication")),
            timeProvider: options.TimeProvider,
            logger: loggers?.CreateLogger<SnowflakeClient>());
        return new SnowflakeSession(http, client, settings);
    }

    private sealed class SnowflakeSession(HttpClient http, SnowflakeClient client, SnowflakeConnectionSettings settings) : IDisposable
    {
        public SnowflakeClient Client { get; } = client;

        public SnowflakeConnectionSettings Settings { get; } = settings;

        public TransferJob CreateJob(ITransferDestination destination, string prefix, TransferOptions options) =>
            new(Client, Settings, destination, prefix, options.TimeProvider, options.LoggerFactory?.CreateLogger<TransferJob>());

        public void Dispose() => http.Dispose();
    }
}
