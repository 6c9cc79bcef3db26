using Snowferry.Service.Allowlists;
using Snowferry.Service.Api;
using Snowferry.Service.Configuration;
using Snowferry.Transfer;

namespace Snowferry.Service.Hosting;

/// <summary>A configured client as the service enforces it: its allowlists, completed with the connection's defaults.</summary>
internal sealed class ServiceClient(string name, ServiceClientOptions options, Allowlist allowlist)
{
    public string Name { get; } = name;

    public bool AllowOverwrite { get; } = options.AllowOverwrite;

    public int MaxActiveJobs { get; } = options.MaxActiveJobs;

    public IReadOnlyList<string> AllowedTables { get; } = [.. allowlist.Tables.Select(t => t.Completed)];

    public IReadOnlyList<string> AllowedDestinations { get; } = [.. allowlist.Destinations.Select(d => d.ToString())];

    /// <summary>The requested table completed and checked: what the planner will get, or why not (400 or 403).</summary>
    public (QualifiedTable? Table, ServiceProblem? Problem) ResolveTable(string requested)
    {
        QualifiedTable table;
        try
        {
            table = allowlist.ResolveTable(requested);
        }
        catch (AllowlistException e)
        {
            return (null, ServiceProblems.BadRequest("source_table: " + e.Message));
        }

        var decision = allowlist.CheckTable(table);
        return decision.IsAllowed ? (table, null) : (null, ServiceProblems.Forbidden(decision.Reason!));
    }

    /// <summary>Null when every key the transfer could write stays under an allowed destination; else the 403.</summary>
    public ServiceProblem? CheckDestination(string destination, TransferOptions options, QualifiedTable table)
    {
        AllowlistDecision decision;
        try
        {
            decision = allowlist.CheckDestination(destination, options.KeyPrefix, options.KeyTemplate, table);
        }
        catch (AllowlistException e)
        {
            return ServiceProblems.BadRequest(e.Message);
        }

        return decision.IsAllowed ? null : ServiceProblems.Forbidden(decision.Reason!);
    }
}
