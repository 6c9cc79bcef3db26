using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Tests.Engine;

/// <summary>Bindings, DESCRIBE TABLE, INFORMATION_SCHEMA, statement splitting, persistence and concurrency.</summary>
public sealed class LocalEngineMetadataTests : EngineTestBase
{
    [Fact]
    public void Execute_Bindings_AreTypedValues()
    {
        Rows("CREATE TABLE T (S VARCHAR, N NUMBER(10,2), D DATE, TS TIMESTAMP_NTZ, TZ TIMESTAMP_TZ, B BOOLEAN, F FLOAT)");
        Rows("INSERT INTO T VALUES (?, ?, ?, ?, ?, ?, ?)",
            new("TEXT", "it's"), new("TEXT", "12.5"), new("DATE", "1553644800000"), new("TIMESTAMP_NTZ", "1616173619123456789"),
            new("TIMESTAMP_TZ", "1616173619000000000 1500"), new("BOOLEAN", "true"), new("REAL", "0.25"));

        var row = Assert.Single(Rows("SELECT * FROM T WHERE S = ? AND N <= ?", new EngineBinding("TEXT", "it's"), new EngineBinding("FIXED", "13")));

        Assert.Equal(["it's", "12.50", "17982", "1616173619.123456000", "1616173619.000000000 1500", "true", "0.25"], row);
    }

    [Theory]
    [InlineData("12x")]
    [InlineData("12.5")]
    [InlineData("-0.25")]
    [InlineData("1e3")]
    [InlineData("")]
    public void Execute_BadFixedBindingValue_Throws100037(string value)
    {
        var error = Error("SELECT ?", new EngineBinding("FIXED", value));

        Assert.Equal(("100037", "22018"), (error.Code, error.SqlState));
    }

    [Fact]
    public void Execute_SignedFixedBinding_IsAnInteger()
    {
        var row = Assert.Single(Rows("SELECT ?, ?", new EngineBinding("FIXED", "-42"), new EngineBinding("FIXED", "+7")));

        Assert.Equal(["-42", "7"], row);
    }

    [Fact]
    public void Execute_DescribeTable_HasSnowflakeShape()
    {
        Rows("CREATE TABLE T (ID NUMBER(38,0) NOT NULL, NAME VARCHAR, PRICE NUMBER(12,2), R FLOAT, TS TIMESTAMP_NTZ, L TIMESTAMP_LTZ, Z TIMESTAMP_TZ, D DATE, B BOOLEAN, S VARCHAR(30))");

        var (columns, rows) = Run("DESC TABLE T");

        Assert.Equal(
            ["name", "type", "kind", "null?", "default", "primary key", "unique key", "check", "expression", "comment", "policy name", "privacy domain"],
            columns.Select(c => c.Name));
        Assert.Equal(["ID", "NUMBER(38,0)", "COLUMN", "N"], rows[0][..4]);
        Assert.Equal(
            ["NUMBER(38,0)", "VARCHAR(16777216)", "NUMBER(12,2)", "FLOAT", "TIMESTAMP_NTZ(9)", "TIMESTAMP_LTZ(9)", "TIMESTAMP_TZ(9)", "DATE", "BOOLEAN", "VARCHAR(30)"],
            rows.Select(r => r[1]));
        Assert.Equal("Y", Assert.Single(Rows("DESCRIBE TABLE PUBLIC.T"), r => r[0] == "NAME")[3]);
    }

    [Fact]
    public void Execute_InformationSchemaColumnsQueryOfTheDemo_ReturnsSnowflakeTypeNames()
    {
        Rows("CREATE TABLE T (ID NUMBER(38,0), PRICE NUMBER(12,2), NAME VARCHAR, R DOUBLE, TZ TIMESTAMP_TZ, B BINARY, V VARIANT)");

        var (columns, rows) = Run(
            "SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS " +
            "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
            new EngineBinding("TEXT", "PUBLIC"), new EngineBinding("TEXT", "T"));

        Assert.Equal(["COLUMN_NAME", "DATA_TYPE", "NUMERIC_PRECISION", "NUMERIC_SCALE"], columns.Select(c => c.Name));
        Assert.Equal(
            [["ID", "NUMBER", "38", "0"], ["PRICE", "NUMBER", "12", "2"], ["NAME", "TEXT", null, null], ["R", "FLOAT", null, null],
             ["TZ", "TIMESTAMP_TZ", null, null], ["B", "BINARY", null, null], ["V", "VARIANT", null, null]],
            rows);
        Assert.Equal("7", Scalar("select count(*) from snowferry.information_schema.columns where table_name = 'T'"));
    }

    [Fact]
    public void Execute_InformationSchemaTables_HasRowCount()
    {
        Rows("CREATE TABLE T (X INT)");
        Rows("INSERT INTO T VALUES (1), (2)");

        Assert.Equal([["PUBLIC", "T", "BASE TABLE", "2"]], Rows("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ROW_COUNT FROM INFORMATION_SCHEMA.TABLES"));
    }

    [Fact]
    public void SplitStatements_SemicolonsInStringsCommentsAndNames_AreNotSeparators()
    {
        var parts = LocalEngine.SplitStatements("SELECT ';' AS \"a;b\"; -- c;\nSELECT 2 /* ; */;\n  ;SELECT $$;$$");

        Assert.Equal(["SELECT ';' AS \"a;b\"", "-- c;\nSELECT 2 /* ; */", "SELECT $$;$$"], parts);
    }

    [Fact]
    public void Execute_DataFile_KeepsTablesBetweenEngines()
    {
        var path = Path.Combine(Path.GetTempPath(), "snowferry-engine-" + Guid.NewGuid().ToString("N") + ".duckdb");
        try
        {
            using (var first = new LocalEngine(new LocalEngineOptions { DataFile = path }))
            {
                first.Execute("CREATE TABLE \"keep me\" (V NUMBER(5,1))", Context(), Ct).Dispose();
                first.Execute("INSERT INTO \"keep me\" VALUES (1.5)", Context(), Ct).Dispose();
            }

            using var second = new LocalEngine(new LocalEngineOptions { DataFile = path });
            using var result = second.Execute("SELECT V FROM \"keep me\"", Context(), Ct);
            Assert.Equal("1.5", Assert.Single(result.Rows)[0]);
            Assert.Equal(1, result.Columns[0].Scale);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".wal");
        }
    }

    [Fact]
    public async Task Execute_ConcurrentStatements_AllSucceed()
    {
        Rows("CREATE TABLE T (X INT)");
        Rows("INSERT INTO T VALUES (1), (2), (3)");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Scalar("SELECT SUM(X) FROM T"), Ct)));

        Assert.All(results, r => Assert.Equal("6", r));
    }
}
