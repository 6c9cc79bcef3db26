using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Configuration;
using Snowferry.Transfer;

namespace Snowferry.Bench;

/// <summary>A <see cref="SnowflakeClient"/> on the local Snowflake's connections.toml, as the CLI builds one.</summary>
internal sealed class BenchSession : IDisposable
{
    private readonly HttpClient _http;

    public BenchSession(BenchArgs args)
    {
        ConnectionsFile = args.Required("connections-file");
        ConnectionName = args.Optional("connection") ?? "local";
        var settings = SnowflakeConnections.Load(new SnowflakeConnectionOptions { ConnectionsFile = ConnectionsFile, ConnectionName = ConnectionName });
        _http = new HttpClient(SnowflakeClient.CreateDefaultHandler()) { BaseAddress = settings.BaseAddress };
        Client = new SnowflakeClient(_http, settings, SnowflakeTokenProviders.Create(settings));
    }

    public string ConnectionsFile { get; }

    public string ConnectionName { get; }

    public SnowflakeClient Client { get; }

    /// <summary>The plan snowferry itself would run (same roles, same SQL).</summary>
    public Task<TransferPlan> PlanAsync(string table, IReadOnlyList<string> keyColumns, CancellationToken cancellationToken) =>
        SnowferryTransfer.PlanAsync(
            table,
            new TransferOptions { ConnectionsFile = ConnectionsFile, ConnectionName = ConnectionName, Plan = new() { KeyColumns = keyColumns } },
            cancellationToken);

    public void Dispose() => _http.Dispose();
}
