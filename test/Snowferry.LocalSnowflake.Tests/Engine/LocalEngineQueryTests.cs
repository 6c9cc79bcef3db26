namespace Snowferry.LocalSnowflake.Tests.Engine;

/// <summary>SELECT semantics that differ between Snowflake and DuckDB: sums, truncation, time zones, trims, NULL order.</summary>
public sealed class LocalEngineQueryTests : EngineTestBase
{
    [Fact]
    public void Execute_SumOfNumber_IsExactWithScaleKeptAndNumber38()
    {
        Rows("CREATE TABLE T (P NUMBER(12,2), G VARCHAR)");
        Rows("INSERT INTO T VALUES (0.10, 'a'), (0.20, 'a'), (9999999999.99, 'b'), (9999999999.99, 'b'), (NULL, 'c')");

        var (columns, rows) = Run("SELECT G, SUM(P) FROM T GROUP BY G ORDER BY G");

        Assert.Equal(("fixed", 38, 2), (columns[1].Type, columns[1].Precision, columns[1].Scale));
        Assert.Equal(["0.30", "19999999999.98", null], rows.Select(r => r[1]));
    }

    [Fact]
    public void Execute_SumBeyond38Digits_ThrowsNumberOutOfRange()
    {
        Rows("CREATE TABLE T (P NUMBER(38,0))");
        Rows("INSERT INTO T VALUES (99999999999999999999999999999999999999), (1)");

        var error = Error("SELECT SUM(P) FROM T");

        Assert.Equal(("100046", "22003"), (error.Code, error.SqlState));
    }

    [Fact]
    public void Execute_SumOfFloat_IsFloat()
    {
        Rows("CREATE TABLE T (F FLOAT)");
        Rows("INSERT INTO T VALUES (0.5), (0.25)");

        var (columns, rows) = Run("SELECT SUM(F) FROM T");

        Assert.Equal("real", columns[0].Type);
        Assert.Equal("0.75", rows[0][0]);
    }

    [Fact]
    public void Execute_AvgAndDivisionOfNumbers_AreExactDecimals()
    {
        Rows("CREATE TABLE T (P NUMBER(10,2))");
        Rows("INSERT INTO T VALUES (1.00), (2.00), (2.00)");

        var (columns, rows) = Run("SELECT AVG(P), 1 / 3, -7.5 / 2 FROM T");

        Assert.Equal(("fixed", 8), (columns[0].Type, columns[0].Scale));
        Assert.Equal(["1.66666667", "0.333333", "-3.7500000"], rows[0]);
    }

    [Fact]
    public void Execute_DateTruncOfDate_StaysDate()
    {
        var (columns, rows) = Run("SELECT DATE_TRUNC('MONTH', '2020-02-15'::DATE), DATE_TRUNC(year, DATE '2020-02-15')");

        Assert.Equal(["date", "date"], columns.Select(c => c.Type));
        Assert.Equal(["18293", "18262"], rows[0]);
    }

    [Fact]
    public void Execute_DateTruncOfTimestampTz_TruncatesInItsOwnOffsetAndKeepsIt()
    {
        var (columns, rows) = Run("SELECT DATE_TRUNC('MONTH', '2020-03-01 01:00:00 +02:00'::TIMESTAMP_TZ)");

        Assert.Equal("timestamp_tz", columns[0].Type);
        // 2020-03-01 00:00 +02:00 = 2020-02-29 22:00 UTC.
        Assert.Equal("1583013600.000000000 1560", rows[0][0]);
    }

    [Fact]
    public void Execute_DateTruncOfLtz_TruncatesInTheSessionZone()
    {
        // 2020-02-01 05:00 UTC is 2020-01-31 21:00 in Los Angeles: its month starts 2020-01-01 00:00 PST (08:00 UTC).
        var (columns, rows) = Run("SELECT DATE_TRUNC('MONTH', '2020-02-01 05:00:00 +00:00'::TIMESTAMP_LTZ), '2020-02-01 05:00:00 +00:00'::TIMESTAMP_LTZ::DATE");

        Assert.Equal(["timestamp_ltz", "date"], columns.Select(c => c.Type));
        Assert.Equal(["1577865600.000000000", "18292"], rows[0]);
    }

    [Fact]
    public void Execute_ConvertTimezoneToUtcAcrossMonthEdge_LandsInTheNextMonth()
    {
        var (columns, rows) = Run(
            "SELECT CONVERT_TIMEZONE('UTC', '2020-01-31 23:30:00 -02:00'::TIMESTAMP_TZ), " +
            "CAST(DATE_TRUNC('MONTH', CONVERT_TIMEZONE('UTC', '2020-01-31 23:30:00 -02:00'::TIMESTAMP_TZ)) AS DATE)");

        Assert.Equal(["timestamp_tz", "date"], columns.Select(c => c.Type));
        Assert.Equal("1580520600.000000000 1440", rows[0][0]);
        Assert.Equal("18293", rows[0][1]);
    }

    [Fact]
    public void Execute_ConvertTimezoneOfNtz_ReadsItInTheSessionZone()
    {
        // Session zone America/Los_Angeles: 2020-01-31 20:00 PST is 2020-02-01 04:00 UTC.
        var rows = Rows(
            "SELECT CONVERT_TIMEZONE('UTC', '2020-01-31 20:00:00'::TIMESTAMP_NTZ), " +
            "CONVERT_TIMEZONE('America/New_York', 'UTC', '2020-07-01 12:00:00'::TIMESTAMP_NTZ)");

        Assert.Equal("1580529600.000000000 1440", rows[0][0]);
        Assert.Equal("1593619200.000000000", rows[0][1]);
    }

    [Fact]
    public void Execute_TrimWithoutCharacters_StripsOnlySpaces()
    {
        var row = Rows("SELECT TRIM(' \\tx\\n '), TRIM(' \\tx\\n ', ' \\t\\n\\r\\u000B\\f'), LTRIM('xxa', 'x'), RTRIM('a  ')")[0];

        Assert.Equal(["\tx\n", "x", "a", "a"], row);
    }

    [Fact]
    public void Execute_OrderByDefaults_NullsLastAscendingFirstDescending()
    {
        Rows("CREATE TABLE T (X INT)");
        Rows("INSERT INTO T VALUES (2), (NULL), (1)");

        Assert.Equal(["1", "2", null], Rows("SELECT X FROM T ORDER BY X").Select(r => r[0]));
        Assert.Equal([null, "2", "1"], Rows("SELECT X FROM T ORDER BY X DESC").Select(r => r[0]));
        Assert.Equal(["2", "1", null], Rows("SELECT X FROM T ORDER BY 1 DESC NULLS LAST").Select(r => r[0]));
        Assert.Equal([null, "1", "2"], Rows("SELECT X AS Y FROM T ORDER BY Y NULLS FIRST").Select(r => r[0]));
    }

    [Fact]
    public void Execute_StringOrder_IsBytewise()
    {
        Rows("CREATE TABLE T (S VARCHAR)");
        Rows("INSERT INTO T VALUES ('a'), ('B'), ('b'), ('A')");

        Assert.Equal(["A", "B", "a", "b"], Rows("SELECT S FROM T ORDER BY S").Select(r => r[0]));
    }

    [Fact]
    public void Execute_GroupByOrdinalHavingLimitOffset_Works()
    {
        Rows("CREATE TABLE T (K VARCHAR, V INT)");
        Rows("INSERT INTO T VALUES ('a', 1), ('a', 2), ('b', 3), ('c', 4), ('c', 5), ('c', 6)");

        var rows = Rows("SELECT K, COUNT(*) AS N, SUM(V) FROM T GROUP BY 1 HAVING COUNT(*) > 1 ORDER BY N DESC LIMIT 5 OFFSET 0");

        Assert.Equal([["c", "3", "15"], ["a", "2", "3"]], rows);
    }

    [Fact]
    public void Execute_AggregatesWithoutGroupBy_ReturnOneRow()
    {
        Rows("CREATE TABLE T (V INT)");

        var row = Assert.Single(Rows("SELECT COUNT(*), COUNT(V), SUM(V), MIN(V), MAX(V), COUNT_IF(V > 1) FROM T"));

        Assert.Equal(["0", "0", null, null, null, "0"], row);
    }

    [Fact]
    public void Execute_ExpressionsAndFunctions_FollowSnowflake()
    {
        var row = Rows(
            "SELECT IFF(1 < 2, 'y', 'n'), NVL(NULL, 'd'), COALESCE(NULL, NULL, 3), NULLIF(1, 1), 'a' || 'b' || 1, " +
            "UPPER('x'), LOWER('Y'), LENGTH('héllo'), CASE WHEN 1 = 2 THEN 'a' ELSE 'b' END, 3 IN (1, 2, 3), " +
            "5 NOT BETWEEN 1 AND 4, 'abc' LIKE 'a%', ABS(-2.5), ROUND(2.345, 2), YEAR('2020-05-06'::DATE), " +
            "DATEADD(month, 1, '2020-01-31'::DATE), TO_DATE('2020-02-01'), TO_VARCHAR(12.50)")[0];

        Assert.Equal(
            ["y", "d", "3", null, "ab1", "X", "y", "5", "b", "true", "true", "true", "2.5", "2.35", "2020", "18321", "18293", "12.50"],
            row);
    }

    [Fact]
    public void Execute_ToTimestampOfEpochSeconds_IsNtz()
    {
        Rows("CREATE TABLE T (EPOCHCOL NUMBER(38,0), MS NUMBER(38,0))");
        Rows("INSERT INTO T VALUES (1616173619, 1616173619123)");

        var (columns, rows) = Run("SELECT TO_TIMESTAMP_NTZ(EPOCHCOL), TO_TIMESTAMP(MS, 3), TO_TIMESTAMP_LTZ(EPOCHCOL) FROM T");

        Assert.Equal(["timestamp_ntz", "timestamp_ntz", "timestamp_ltz"], columns.Select(c => c.Type));
        Assert.Equal(["1616173619.000000000", "1616173619.123000000", "1616173619.000000000"], rows[0]);
    }

    [Fact]
    public void Execute_SubqueryAndCte_AreQueryable()
    {
        Rows("CREATE TABLE T (V INT)");
        Rows("INSERT INTO T VALUES (1), (2), (3)");

        Assert.Equal("5", Scalar("SELECT SUM(V) FROM (SELECT V FROM T WHERE V > 1) AS S"));
        Assert.Equal("2", Scalar("WITH C AS (SELECT V * 2 AS W FROM T) SELECT MIN(W) FROM C"));
    }

    [Fact]
    public void Execute_InsertSelectAndCreateTableAs_CopyRows()
    {
        Rows("CREATE TABLE T (V NUMBER(10,2))");
        var inserted = Engine.Execute("INSERT INTO T VALUES (1.5), (2.5)", Context(), Ct);
        Assert.Equal(2, inserted.RowsInserted);
        Assert.Equal("number of rows inserted", inserted.Columns[0].Name);
        Assert.Equal("2", Assert.Single(inserted.Rows)[0]);

        Rows("CREATE TABLE U AS SELECT V, V * 2 AS W FROM T");
        Rows("INSERT INTO U (V, W) SELECT V, V FROM T WHERE V > 2");

        Assert.Equal([["1.50", "3.00"], ["2.50", "2.50"], ["2.50", "5.00"]], Rows("SELECT V, W FROM U ORDER BY V, W"));
    }

    [Fact]
    public void Execute_SelectDistinct_RemovesDuplicatesAndOrders()
    {
        Rows("CREATE TABLE T (K VARCHAR)");
        Rows("INSERT INTO T VALUES ('b'), ('a'), ('b'), (NULL)");

        Assert.Equal([null, "b", "a"], Rows("SELECT DISTINCT K FROM T ORDER BY K DESC").Select(r => r[0]));
    }

    [Fact]
    public void Execute_ModuloAndMultiplication_FollowNumberRules()
    {
        var (columns, rows) = Run("SELECT 7 % 3, 1.25 * 2.5, 10.5 - 0.25");

        Assert.Equal(["1", "3.125", "10.25"], rows[0]);
        Assert.Equal((3, 5), (columns[1].Scale, columns[1].Precision));
    }

    [Fact]
    public void Execute_OrderByAliasNamedLikeAColumn_OrdersByTheAlias()
    {
        Rows("CREATE TABLE T (D DATE, V INT)");
        Rows("INSERT INTO T VALUES ('2020-02-10', 1), ('2020-01-05', 2), ('2020-02-20', 3)");

        var rows = Rows("SELECT CAST(DATE_TRUNC('MONTH', D) AS DATE) AS D, SUM(V) FROM T GROUP BY 1 ORDER BY D DESC");

        Assert.Equal([["18293", "4"], ["18262", "2"]], rows);
    }

    [Fact]
    public void Execute_DropTable_RemovesIt()
    {
        Rows("CREATE TABLE T (V INT)");
        Rows("DROP TABLE T");

        Assert.Equal("002003", Error("SELECT * FROM T").Code);
        Rows("DROP TABLE IF EXISTS T");
        Assert.Equal("002003", Error("DROP TABLE T").Code);
    }
}
