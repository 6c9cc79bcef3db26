namespace Snowferry.Service.Tests.Jobs;

/// <summary>
/// A service with room for one streaming transfer at a time, two active jobs per client, no drain period, and a local
/// Snowflake whose statements the tests slow down: for queueing, cancelling and restarting mid-job. Its result cache
/// stays on (Snowflake's default): a job whose query is answered from it is slowed and cancelled as one that runs.
/// </summary>
public sealed class SlowServiceFixture : ServiceFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Snowferry:MemoryBudgetMiB"] = "100",
        ["Snowferry:TransferCostMiB"] = "100",
        ["Snowferry:Clients:acme:MaxActiveJobs"] = "2",
        ["Snowferry:DrainPeriod"] = "00:00:00",
    };

    /// <summary>Every statement takes at least this long (cancellable); zero to run at full speed.</summary>
    public TimeSpan StatementDelay
    {
        set => Snowflake.Server.Faults.StatementDelay = value;
    }
}
