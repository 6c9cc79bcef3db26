using System.Collections.Concurrent;
using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>
/// A server over a real in-memory engine with table <c>T</c> (7 rows; 3 partitions at 3 rows per partition), recording
/// every statement that reaches the engine: the result cache's tests count executions here, not by timing.
/// </summary>
internal sealed class EngineServer : IAsyncDisposable
{
    /// <summary>A query over T whose result spans three partitions.</summary>
    public const string Query = "SELECT ID, NAME FROM T ORDER BY ID";

    private readonly LocalEngine _engine;
    private readonly ConcurrentQueue<string> _executed;

    private EngineServer(LocalEngine engine, ServerHarness harness, ConcurrentQueue<string> executed)
    {
        _engine = engine;
        Harness = harness;
        _executed = executed;
    }

    public ServerHarness Harness { get; }

    public LocalSnowflakeServer Server => Harness.Server;

    public LocalEngine Engine => _engine;

    public LocalSnowflakeFaults Faults => Server.Faults;

    public static async Task<EngineServer> StartAsync(LocalSnowflakeServerOptions? options = null, LocalEngineOptions? engineOptions = null)
    {
        var engine = new LocalEngine(engineOptions ?? new LocalEngineOptions());
        var executed = new ConcurrentQueue<string>();
        try
        {
            var harness = await ServerHarness.StartAsync(
                engine, options ?? new LocalSnowflakeServerOptions { PartitionRowCount = 3, SyncWait = TimeSpan.FromSeconds(5) }, executed.Enqueue);
            var sut = new EngineServer(engine, harness, executed);
            await sut.RunAsync("CREATE TABLE T (ID NUMBER, NAME VARCHAR)");
            await sut.RunAsync("INSERT INTO T VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), (7, 'g')");
            return sut;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>How many times <paramref name="statement"/> reached the engine.</summary>
    public int Executions(string statement) => _executed.Count(s => s == statement);

    public Task<Answer> PostAsync(string statement, string? extra = null, string query = "") =>
        Harness.PostStatementAsync(statement, query, extra);

    /// <summary>Runs a statement that must succeed (set-up and table changes).</summary>
    public async Task<Answer> RunAsync(string statement, string? extra = null)
    {
        var answer = await PostAsync(statement, extra);
        Assert.True((int)answer.Status == 200, $"{statement}: {(int)answer.Status} {answer.Text}");
        return answer;
    }

    public Task<Answer> PartitionAsync(Answer answer, int partition) =>
        Harness.GetAsync($"/api/v2/statements/{answer.Handle}?partition={partition}");

    public static string MetaData(Answer answer) => answer.Json.GetProperty("resultSetMetaData").GetRawText();

    public static string Data(Answer answer) => answer.Json.GetProperty("data").GetRawText();

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        _engine.Dispose();
    }
}
