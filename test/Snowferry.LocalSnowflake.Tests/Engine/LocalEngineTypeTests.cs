namespace Snowferry.LocalSnowflake.Tests.Engine;

/// <summary>Every type from a Snowflake literal to its wire text (SQL_API.md §6), through a table and back.</summary>
public sealed class LocalEngineTypeTests : EngineTestBase
{
    [Theory]
    [InlineData("NUMBER(38,6)", "12345678901234567890123456789012.123456", "12345678901234567890123456789012.123456")]
    [InlineData("NUMBER(38,6)", "-12345678901234567890123456789012.123456", "-12345678901234567890123456789012.123456")]
    [InlineData("NUMBER(38,0)", "99999999999999999999999999999999999999", "99999999999999999999999999999999999999")]
    [InlineData("NUMBER(12,2)", "1234.5", "1234.50")]
    [InlineData("NUMBER(12,2)", "-0.5", "-0.50")]
    [InlineData("NUMBER(12,2)", "1.005", "1.01")]
    [InlineData("INT", "42", "42")]
    [InlineData("FLOAT", "'1.2345E-05'::FLOAT", "1.2345E-05")]
    [InlineData("FLOAT", "'NaN'::FLOAT", "NaN")]
    [InlineData("FLOAT", "'-inf'::FLOAT", "-inf")]
    [InlineData("DOUBLE", "0.1", "0.1")]
    [InlineData("VARCHAR", "'tab\\tand\\nnewline'", "tab\tand\nnewline")]
    [InlineData("VARCHAR", "'quote '' and \" and \\\\'", "quote ' and \" and \\")]
    [InlineData("VARCHAR", "'\\x41\\u00e9\\101'", "AéA")]
    [InlineData("STRING", "$$no \\t escapes$$", "no \\t escapes")]
    [InlineData("BOOLEAN", "TRUE", "true")]
    [InlineData("BOOLEAN", "'no'", "false")]
    [InlineData("DATE", "'2019-03-27'::DATE", "17982")]
    [InlineData("DATE", "'1960-01-01'", "-3653")]
    [InlineData("TIME", "'23:01:59.5'", "82919.500000000")]
    [InlineData("TIMESTAMP_NTZ", "'2021-03-19 17:06:59.123456'::TIMESTAMP_NTZ", "1616173619.123456000")]
    [InlineData("TIMESTAMP_NTZ", "'1969-12-31 23:59:58.500000'", "-1.500000000")]
    [InlineData("TIMESTAMP_LTZ", "'2021-03-19 17:06:59.000000 +01:00'::TIMESTAMP_LTZ", "1616170019.000000000")]
    [InlineData("TIMESTAMP_TZ", "'2021-03-19 18:06:59 +01:00'::TIMESTAMP_TZ", "1616173619.000000000 1500")]
    [InlineData("TIMESTAMP_TZ", "'2020-01-01 10:00:00.123456 +05:30'::TIMESTAMP_TZ", "1577853000.123456000 1770")]
    [InlineData("TIMESTAMP_TZ", "'1950-06-01 00:00:00 -14:00'", "-618055200.000000000 600")]
    [InlineData("BINARY", "'CAFE'", "CAFE")]
    [InlineData("VARCHAR", "NULL", null)]
    public void Execute_ValueStoredAndSelected_IsEncodedAsSnowflakeEncodesIt(string type, string literal, string? expected)
    {
        Rows($"CREATE TABLE T (V {type})");
        Rows($"INSERT INTO T VALUES ({literal})");

        Assert.Equal(expected, Scalar("SELECT V FROM T"));
    }

    [Fact]
    public void Execute_AllTypesTable_ReportsSnowflakeRowTypes()
    {
        Rows("CREATE OR REPLACE TABLE ALL_TYPES (ID NUMBER(38,0), BIG NUMBER(38,6), PRICE NUMBER(12,2), RATIO FLOAT, NAME VARCHAR, " +
            "FLAG BOOLEAN, DAY DATE, NTZ TIMESTAMP_NTZ, LTZ TIMESTAMP_LTZ, TZ TIMESTAMP_TZ, SHORT VARCHAR(5))");

        var columns = Run("SELECT * FROM ALL_TYPES").Columns;

        Assert.Equal(
            ["fixed", "fixed", "fixed", "real", "text", "boolean", "date", "timestamp_ntz", "timestamp_ltz", "timestamp_tz", "text"],
            columns.Select(c => c.Type));
        Assert.Equal((12, 2), (columns[2].Precision, columns[2].Scale));
        Assert.Equal(16_777_216, columns[4].Length);
        Assert.Equal(5, columns[10].Length);
        Assert.Equal(9, columns[9].Scale);
        Assert.Equal("ID", columns[0].Name);
    }

    [Fact]
    public void Execute_TimestampTzBeforeEpochWithOffset_KeepsItsOwnOffset()
    {
        Rows("CREATE TABLE T (TZ TIMESTAMP_TZ)");
        Rows("INSERT INTO T VALUES ('1960-01-01 00:00:00.000001 -08:00'), ('2020-06-30 23:45:00 +09:30')");

        var rows = Rows("SELECT TZ FROM T ORDER BY TZ");

        Assert.Equal("-315590399.999999000 960", rows[0][0]);
        Assert.Equal("1593526500.000000000 2010", rows[1][0]);
    }

    [Fact]
    public void Execute_LiteralTypes_FollowTheirDigits()
    {
        var columns = Run("SELECT 1, 12.50, -0.5, 1e3, 'abc', TRUE, NULL").Columns;

        Assert.Equal(("fixed", 1, 0), (columns[0].Type, columns[0].Precision, columns[0].Scale));
        Assert.Equal(("fixed", 4, 2), (columns[1].Type, columns[1].Precision, columns[1].Scale));
        Assert.Equal(("fixed", 1, 1), (columns[2].Type, columns[2].Precision, columns[2].Scale));
        Assert.Equal("real", columns[3].Type);
        Assert.Equal("text", columns[4].Type);
        Assert.Equal("boolean", columns[5].Type);
        Assert.Equal("1", columns[0].Name);
    }

    [Fact]
    public void Execute_TextColumnCastToTimestamps_ReadsOffsetsOrTheSessionZone()
    {
        Rows("CREATE TABLE S (T VARCHAR)");
        Rows("INSERT INTO S VALUES ('2020-01-01 10:00:00 +05:30'), ('2020-07-01 10:00:00'), ('2020-01-01 10:00:00Z')");

        var rows = Rows("SELECT T::TIMESTAMP_TZ, T::TIMESTAMP_LTZ, T::TIMESTAMP_NTZ, T::TIMESTAMP_TZ::VARCHAR FROM S ORDER BY T");

        // Without an offset, the session zone (America/Los_Angeles, PDT in July) applies.
        Assert.Equal(["1577853000.000000000 1770", "1577853000.000000000", "1577872800.000000000", "2020-01-01 10:00:00.000 +0530"], rows[0]);
        Assert.Equal(["1577872800.000000000 1440", "1577872800.000000000", "1577872800.000000000", "2020-01-01 10:00:00.000 +0000"], rows[1]);
        Assert.Equal(["1593622800.000000000 1020", "1593622800.000000000", "1593597600.000000000", "2020-07-01 10:00:00.000 -0700"], rows[2]);
    }

    [Fact]
    public void Execute_Select1_ReturnsOneFixedCell()
    {
        var (columns, rows) = Run("SELECT 1");

        Assert.Equal("fixed", Assert.Single(columns).Type);
        Assert.Equal("1", Assert.Single(rows)[0]);
    }

    [Fact]
    public void Execute_BadNumericText_ThrowsNumericValueNotRecognized()
    {
        var error = Error("SELECT 'abc'::NUMBER(10,2)");

        Assert.Equal(("100038", "22018"), (error.Code, error.SqlState));
    }

    [Fact]
    public void Execute_TryCastOfBadText_IsNull()
    {
        Assert.Null(Scalar("SELECT TRY_CAST('abc' AS NUMBER(10,2))"));
        Assert.Null(Scalar("SELECT TRY_TO_NUMBER('x1', 10, 2)"));
        Assert.Equal("12.35", Scalar("SELECT TRY_TO_NUMBER('12.345', 10, 2)"));
    }
}
