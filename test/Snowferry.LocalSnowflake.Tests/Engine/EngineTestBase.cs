using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Tests.Engine;

/// <summary>A fresh in-memory engine per test class instance, and helpers that run SQL and read every row.</summary>
public abstract class EngineTestBase : IDisposable
{
    protected EngineTestBase()
    {
        Engine = new LocalEngine(new LocalEngineOptions());
    }

    protected LocalEngine Engine { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static EngineContext Context(params EngineBinding[] bindings) =>
        new() { Database = "SNOWFERRY", Schema = "PUBLIC", Bindings = bindings.Length == 0 ? null : bindings };

    protected (IReadOnlyList<EngineColumn> Columns, List<string?[]> Rows) Run(string sql, params EngineBinding[] bindings)
    {
        using var result = Engine.Execute(sql, Context(bindings), Ct);
        return (result.Columns, result.Rows.ToList());
    }

    protected List<string?[]> Rows(string sql, params EngineBinding[] bindings) => Run(sql, bindings).Rows;

    protected string? Scalar(string sql, params EngineBinding[] bindings) => Assert.Single(Rows(sql, bindings))[0];

    protected EngineColumn Column(string sql) => Run(sql).Columns[0];

    protected SnowflakeSqlException Error(string sql, params EngineBinding[] bindings) =>
        Assert.Throws<SnowflakeSqlException>(() => Rows(sql, bindings));

    public void Dispose()
    {
        Engine.Dispose();
        GC.SuppressFinalize(this);
    }
}
