using Snowferry.Planning;

namespace Snowferry.Transfer;

/// <summary>
/// The library's seed-shaped front door: <see cref="TransferDataAsync"/> moves a Snowflake table to an S3 bucket (or a
/// local folder) configured the ecosystem's way: Snowflake from connections.toml's default connection, S3 from the AWS
/// SDK's default chain. It runs on one shared <see cref="SnowferryDataSource"/>, made on first use and kept for the
/// process's life (it holds pooled connections and a key, nothing that needs closing before exit); the environment is
/// read then, once. A host that configures the connection, the S3 endpoint, logging or the clock, or that wants to
/// dispose its clients, builds its own data source with <see cref="SnowferryDataSourceBuilder"/>.
/// </summary>
public static class SnowferryTransfer
{
    private static readonly Lock s_lock = new();
    private static SnowferryDataSource? s_shared;

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
    /// <exception cref="Unload.UnloadException">Mode unload without a storage integration, or with a column the format cannot hold.</exception>
    public static Task<TransferReport> TransferAsync(
        string sourceTable,
        string destinationS3Bucket,
        TransferOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceTable);
        ArgumentNullException.ThrowIfNull(destinationS3Bucket);
        // A malformed destination or option fails here, before the connection is loaded.
        var address = Destinations.TransferDestinations.Parse(destinationS3Bucket);
        var run = TransferRun.Create(sourceTable, address, options ?? new TransferOptions());
        return Shared.TransferAsync(run, address, cancellationToken);
    }

    /// <summary>Reads the table's columns and returns the plan (roles and SQL), moving no data.</summary>
    public static Task<TransferPlan> PlanAsync(string sourceTable, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        Shared.PlanAsync(sourceTable, options, cancellationToken);

    /// <summary>
    /// The shared data source, made on first use. A failure (no connections.toml yet) is not remembered: the next call
    /// tries again.
    /// </summary>
    private static SnowferryDataSource Shared
    {
        get
        {
            lock (s_lock)
            {
                return s_shared ??= SnowferryDataSource.Create();
            }
        }
    }
}
