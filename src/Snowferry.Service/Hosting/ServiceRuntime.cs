using Snowferry.Service.Configuration;

namespace Snowferry.Service.Hosting;

/// <summary>What the service settled at start-up and every part reads: the options and the connection's defaults.</summary>
/// <param name="Options">The checked configuration.</param>
/// <param name="DefaultDatabase">The connection's database (exact), completing shorter table names; null when the session has none.</param>
/// <param name="DefaultSchema">The connection's schema (exact).</param>
internal sealed record ServiceRuntime(ServiceOptions Options, string? DefaultDatabase, string? DefaultSchema)
{
    /// <summary>Streaming transfers that fit the memory budget together (at least one).</summary>
    public int StreamingSlots => Math.Max(1, Options.MemoryBudgetMiB / Math.Max(1, Options.TransferCostMiB));
}
