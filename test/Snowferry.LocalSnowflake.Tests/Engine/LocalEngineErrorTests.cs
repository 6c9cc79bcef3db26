namespace Snowferry.LocalSnowflake.Tests.Engine;

/// <summary>Refusals with Snowflake's codes and wording; constructs the engine does not implement are never run by DuckDB.</summary>
public sealed class LocalEngineErrorTests : EngineTestBase
{
    public LocalEngineErrorTests()
    {
        Rows("CREATE TABLE ORDERS (ID INT, STATUS VARCHAR)");
    }

    [Fact]
    public void Execute_UnknownColumn_ThrowsInvalidIdentifierWithPosition()
    {
        var error = Error("SELECT NO_SUCH_COLUMN FROM ORDERS");

        Assert.Equal(("000904", "42000"), (error.Code, error.SqlState));
        Assert.Equal("SQL compilation error: error line 1 at position 7\ninvalid identifier 'NO_SUCH_COLUMN'", error.Message);
    }

    [Fact]
    public void Execute_UnknownTable_ThrowsObjectDoesNotExist()
    {
        var error = Error("SELECT * FROM NO_SUCH_TABLE");

        Assert.Equal(("002003", "42S02"), (error.Code, error.SqlState));
        Assert.Equal("SQL compilation error:\nObject 'NO_SUCH_TABLE' does not exist or not authorized.", error.Message);
    }

    [Theory]
    [InlineData("SELEC 1")]
    [InlineData("SELECT FROM ORDERS")]
    [InlineData("SELECT 1 +")]
    [InlineData("SELECT 'unterminated")]
    [InlineData("SELECT (1")]
    public void Execute_SyntaxError_Throws001003(string sql)
    {
        var error = Error(sql);

        Assert.Equal(("001003", "42000"), (error.Code, error.SqlState));
        Assert.StartsWith("SQL compilation error:\nsyntax error line 1 at position ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM ORDERS A JOIN ORDERS B ON A.ID = B.ID")]
    [InlineData("SELECT ID FROM ORDERS UNION ALL SELECT ID FROM ORDERS")]
    [InlineData("SELECT ROW_NUMBER() OVER (ORDER BY ID) FROM ORDERS")]
    [InlineData("UPDATE ORDERS SET ID = 1")]
    [InlineData("SELECT (SELECT 1)")]
    [InlineData("SELECT ID FROM ORDERS QUALIFY ID > 1")]
    [InlineData("SELECT * EXCLUDE ID FROM ORDERS")]
    [InlineData("CREATE TEMPORARY TABLE X (A INT)")]
    public void Execute_UnsupportedConstruct_IsRefusedAsNotImplemented(string sql)
    {
        var error = Error(sql);

        Assert.Equal("0A000", error.SqlState);
        Assert.Contains("the local Snowflake does not implement it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_UnknownFunction_IsRefused()
    {
        var error = Error("SELECT LIST_VALUE(1, 2)");

        Assert.Equal("002140", error.Code);
    }

    [Fact]
    public void Execute_ColumnNotInGroupBy_ThrowsNotAValidGroupByExpression()
    {
        var error = Error("SELECT ID, COUNT(*) FROM ORDERS GROUP BY STATUS");

        Assert.Equal("000979", error.Code);
        Assert.Contains("'ID' is not a valid group by expression", error.Message, StringComparison.Ordinal);
        Assert.Equal("000979", Error("SELECT ID, SUM(ID) FROM ORDERS").Code);
    }

    [Fact]
    public void Execute_ExpressionOfGroupKey_IsAllowed()
    {
        Rows("INSERT INTO ORDERS VALUES (1, ' a '), (2, ' a ')");

        Assert.Equal([["a", "3"]], Rows("SELECT TRIM(STATUS), SUM(ID) FROM ORDERS GROUP BY TRIM(STATUS)"));
    }

    [Fact]
    public void Execute_CreateExistingTable_ThrowsAlreadyExistsUnlessReplaceOrIfNotExists()
    {
        Assert.Equal("002002", Error("CREATE TABLE ORDERS (X INT)").Code);
        Rows("CREATE TABLE IF NOT EXISTS ORDERS (X INT)");
        Assert.Equal("ID", Run("SELECT * FROM ORDERS").Columns[0].Name);
        Rows("CREATE OR REPLACE TABLE ORDERS (X INT)");
        Assert.Equal("X", Run("SELECT * FROM ORDERS").Columns[0].Name);
    }

    [Fact]
    public void Execute_InsertWrongValueCount_Throws()
    {
        Assert.Equal("002020", Error("INSERT INTO ORDERS VALUES (1)").Code);
    }

    [Fact]
    public void Execute_NotNullColumnGivenNull_Throws()
    {
        Rows("CREATE TABLE N (X INT NOT NULL)");

        Assert.Equal("100072", Error("INSERT INTO N VALUES (NULL)").Code);
    }

    [Fact]
    public void Execute_DuckDbOnlySyntax_IsASyntaxErrorNotRunByDuckDb()
    {
        Assert.Equal("001003", Error("SELECT [1, 2]").Code);
        Assert.Equal("001003", Error("PRAGMA version").Code);
    }

    [Fact]
    public void Execute_CancelledToken_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Engine.Execute("SELECT 1", Context(), cts.Token));
    }

    [Fact]
    public void Execute_DivisionByZero_ThrowsLikeSnowflake()
    {
        Assert.Equal(("100051", "22012"), (Error("SELECT 1 / 0").Code, Error("SELECT 1 / 0").SqlState));
        Assert.Equal("100051", Error("SELECT 1.5::FLOAT / 0").Code);
    }

    [Fact]
    public void Execute_TextLongerThanColumn_ThrowsInsteadOfTruncating()
    {
        Rows("CREATE TABLE S (C VARCHAR(3))");
        Rows("INSERT INTO S VALUES ('abc')");

        Assert.Equal(("100074", "22001"), (Error("INSERT INTO S VALUES ('abcd')").Code, Error("INSERT INTO S VALUES ('abcd')").SqlState));
        Assert.Equal("100074", Error("INSERT INTO S SELECT C || 'x' FROM S").Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  -- only a comment\n")]
    [InlineData(";")]
    public void Execute_EmptyStatement_ThrowsEmptySqlStatement(string sql)
    {
        Assert.Equal("000900", Error(sql).Code);
    }

    [Fact]
    public void ExecuteNative_LongQueryCancelledMidway_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Engine.ExecuteNative("CREATE TABLE spin AS SELECT sum(hash(i)) FROM range(100000000000) r(i)", cts.Token));
    }
}
