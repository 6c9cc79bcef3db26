using Snowferry.Planning;
using Snowferry.Snowflake.Client;
using Snowferry.Transfer;

namespace Snowferry.Bench;

/// <summary>A <see cref="SnowferryDataSource"/> on the local Snowflake's connections.toml, built as the CLI builds one.</summary>
internal sealed class BenchSession : IDisposable
{
    private readonly SnowferryDataSource _source;

    public BenchSession(BenchArgs args)
    {
        ConnectionsFile = args.Required("connections-file");
        ConnectionName = args.Optional("connection") ?? "local";
        _source = new SnowferryDataSourceBuilder().UseConnection(ConnectionName, ConnectionsFile).Build();
    }

    public string ConnectionsFile { get; }

    public string ConnectionName { get; }

    public SnowflakeClient Client => _source.Snowflake.Client;

    /// <summary>The plan snowferry itself would run (same roles, same SQL).</summary>
    public Task<TransferPlan> PlanAsync(string table, IReadOnlyList<string> keyColumns, CancellationToken cancellationToken) =>
        _source.PlanAsync(table, new TransferOptions { Plan = new() { KeyColumns = keyColumns } }, cancellationToken);

    public void Dispose() => _source.Dispose();
}
