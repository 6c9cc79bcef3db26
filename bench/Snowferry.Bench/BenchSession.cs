using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;
using Snowferry.Transfer;

namespace Snowferry.Bench;

/// <summary>A <see cref="SnowflakeClient"/> on the local Snowflake's connections.toml, built as the CLI builds one.</summary>
internal sealed class BenchSession : IDisposable
{
    private readonly SnowflakeDataSource _snowflake;

    public BenchSession(BenchArgs args)
    {
        ConnectionsFile = args.Required("connections-file");
        ConnectionName = args.Optional("connection") ?? "local";
        _snowflake = SnowflakeDataSource.Create(new SnowflakeConnectionOptions { ConnectionsFile = ConnectionsFile, ConnectionName = ConnectionName });
    }

    public string ConnectionsFile { get; }

    public string ConnectionName { get; }

    public SnowflakeClient Client => _snowflake.Client;

    /// <summary>The plan snowferry itself would run (same roles, same SQL).</summary>
    public Task<TransferPlan> PlanAsync(string table, IReadOnlyList<string> keyColumns, CancellationToken cancellationToken) =>
        SnowferryTransfer.PlanAsync(
            table,
            new TransferOptions { ConnectionsFile = ConnectionsFile, ConnectionName = ConnectionName, Plan = new() { KeyColumns = keyColumns } },
            cancellationToken);

    public void Dispose() => _snowflake.Dispose();
}
