using Snowferry.Destinations;
using Snowferry.Planning;
using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// Transfers to one destination through a <see cref="SnowferryDataSource"/>: what the fixtures hand to tests, so a test
/// names its table and options and the fixture where the file goes.
/// </summary>
/// <param name="source">The data source the transfers run from (not disposed here).</param>
/// <param name="destination">A destination string (<c>s3://bucket/prefix</c>, a folder), or null with <paramref name="custom"/>.</param>
/// <param name="custom">A destination object of the test's, or null.</param>
/// <param name="keyPrefix">With <paramref name="custom"/>: the key prefix every run gets unless it names its own.</param>
public sealed class TransferRunner(SnowferryDataSource source, string? destination, ITransferDestination? custom = null, string? keyPrefix = null)
{
    public SnowferryDataSource Source => source;

    public Task<TransferReport> RunAsync(string sourceTable, TransferOptions options, CancellationToken cancellationToken) =>
        custom is null
            ? source.TransferAsync(sourceTable, destination!, options, cancellationToken)
            : source.TransferAsync(sourceTable, custom, options.KeyPrefix is null && keyPrefix is not null ? options with { KeyPrefix = keyPrefix } : options, cancellationToken);

    public Task<TransferPlan> PlanAsync(string sourceTable, TransferPlanOptions? options, CancellationToken cancellationToken) =>
        source.PlanAsync(sourceTable, new TransferOptions { Plan = options ?? new() }, cancellationToken);
}
