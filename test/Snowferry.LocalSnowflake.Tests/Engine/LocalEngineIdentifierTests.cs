namespace Snowferry.LocalSnowflake.Tests.Engine;

/// <summary>Snowflake's identifier rules: unquoted names fold to upper case, quoted ones are kept exactly.</summary>
public sealed class LocalEngineIdentifierTests : EngineTestBase
{
    [Fact]
    public void Execute_QuotedLowerAndUnquotedSameName_AreTwoColumns()
    {
        Rows("CREATE TABLE t (\"a\" INT, A INT, \"Mixed Case\" VARCHAR, \"a\"\"b\" INT)");
        Rows("INSERT INTO T VALUES (1, 2, 'm', 3)");

        var (columns, rows) = Run("select \"a\", a, \"Mixed Case\", \"a\"\"b\" from \"T\"");

        Assert.Equal(["a", "A", "Mixed Case", "a\"b"], columns.Select(c => c.Name));
        Assert.Equal(["1", "2", "m", "3"], rows[0]);
    }

    [Fact]
    public void Execute_QuotedLowerCaseTableName_IsNotTheUpperCaseOne()
    {
        Rows("CREATE TABLE \"lower\" (X INT)");

        var error = Error("SELECT * FROM lower");

        Assert.Equal(("002003", "42S02"), (error.Code, error.SqlState));
        Assert.Contains("'LOWER' does not exist or not authorized.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_ThreePartAndTwoPartNames_ResolveTheSameTable()
    {
        Rows("CREATE TABLE T (X INT)");
        Rows("INSERT INTO SNOWFERRY.PUBLIC.T (X) VALUES (7)");

        Assert.Equal("7", Scalar("SELECT \"T\".X FROM \"SNOWFERRY\".\"PUBLIC\".\"T\""));
        Assert.Equal("7", Scalar("SELECT q.x FROM public.t AS q"));
        Assert.Equal("002003", Error("SELECT * FROM OTHERDB.PUBLIC.T").Code);
    }

    [Fact]
    public void Execute_AliasesFoldUnlessQuoted()
    {
        var columns = Run("SELECT 1 AS one, 2 \"two\", 3 Three").Columns;

        Assert.Equal(["ONE", "two", "THREE"], columns.Select(c => c.Name));
    }

    [Fact]
    public void Execute_ExpressionWithoutAlias_IsNamedAfterItsText()
    {
        Rows("CREATE TABLE T (X INT)");

        Assert.Equal("COUNT(*)", Column("select count(*) from t").Name);
    }
}
