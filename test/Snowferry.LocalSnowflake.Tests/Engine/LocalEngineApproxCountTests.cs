namespace Snowferry.LocalSnowflake.Tests.Engine;

/// <summary>APPROX_COUNT_DISTINCT, which snowferry's transfer-mode estimate sends.</summary>
public sealed class LocalEngineApproxCountTests : EngineTestBase
{
    [Fact]
    public void Execute_ApproxCountDistinctOfTwoColumns_CountsDistinctPairsWithoutNulls()
    {
        Rows("CREATE TABLE P (A NUMBER(10,0), B VARCHAR)");
        Rows("INSERT INTO P VALUES (1, 'x'), (1, 'x'), (1, 'y'), (2, 'x'), (NULL, 'x'), (3, NULL)");

        var (columns, rows) = Run("SELECT APPROX_COUNT_DISTINCT(A, B), APPROX_COUNT_DISTINCT(A) FROM P");

        Assert.Equal("fixed", columns[0].Type);
        Assert.Equal(["3", "3"], Assert.Single(rows));
    }
}
