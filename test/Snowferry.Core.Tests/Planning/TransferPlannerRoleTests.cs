using Snowferry.Planning;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Planning;

public sealed class TransferPlannerRoleTests
{
    private static ColumnRole[] Roles(TransferPlan plan) => [.. plan.Columns.Select(c => c.Role)];

    [Fact]
    public void Plan_Defaults_TemporalMonthTextKeyNumberSum()
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns);

        Assert.Equal(
            [
                ColumnRole.Sum, ColumnRole.Sum, ColumnRole.Key, ColumnRole.Sum, ColumnRole.Month,
                ColumnRole.Key, ColumnRole.Key, ColumnRole.Sum, ColumnRole.Key, ColumnRole.Month,
            ],
            Roles(plan));
    }

    [Fact]
    public void Plan_EveryKeyableType_BecomesKey()
    {
        var plan = TransferPlanner.Plan(GoldenCases.Events, GoldenCases.EventsColumns, new() { EpochColumns = ["TS_SECONDS"] });

        var keys = plan.Columns.Where(c => c.Role == ColumnRole.Key).Select(c => c.Source.Name);
        Assert.Equal(["ACTIVE", "PAYLOAD", "TAGS", "ATTRS", "DIGEST", "AT_TIME", "LOCAL_TS"], keys);
    }

    [Fact]
    public void Plan_KeyColumns_NumericIdentifiersBecomeKeys()
    {
        var plan = TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["userid", "MOVIEID"] });

        Assert.Equal([ColumnRole.Key, ColumnRole.Key, ColumnRole.Sum, ColumnRole.Month], Roles(plan));
        Assert.Contains("TransferPlanOptions.KeyColumns", plan.Columns[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_KeyColumnOnTemporal_KeepsItAsIsAndOtherTemporalsStayMonths()
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns, new() { KeyColumns = ["CREATED_AT"] });

        Assert.Equal(ColumnRole.Month, plan.Columns[4].Role);
        Assert.Equal(ColumnRole.Key, plan.Columns[9].Role);
    }

    [Fact]
    public void Plan_MonthColumns_OtherTemporalColumnsBecomeKeys()
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns, new() { MonthColumns = ["CREATED_AT"] });

        Assert.Equal(ColumnRole.Key, plan.Columns[4].Role);
        Assert.Contains("not a chosen month column", plan.Columns[4].Reason, StringComparison.Ordinal);
        Assert.Equal(ColumnRole.Month, plan.Columns[9].Role);
    }

    [Fact]
    public void Plan_KeepColumns_OnlyThoseInSourceOrderPlusNamedRoles()
    {
        var plan = TransferPlanner.Plan(
            SampleTables.Orders, SampleTables.OrdersColumns, new() { KeepColumns = ["O_TOTALPRICE", "O_ORDERDATE"], KeyColumns = ["O_CUSTKEY"] });

        Assert.Equal(["O_CUSTKEY", "O_TOTALPRICE", "O_ORDERDATE"], plan.OutputSchema.Select(c => c.Name));
        Assert.Contains("not in TransferPlanOptions.KeepColumns", plan.Columns[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_DropColumns_LeftOutOfOutputButStillInTheBlankCheck()
    {
        var plan = TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { DropColumns = ["MOVIEID"] });

        Assert.Equal(ColumnRole.Dropped, plan.Columns[1].Role);
        Assert.Null(plan.Columns[1].Output);
        var where = plan.Sql.IndexOf("WHERE", StringComparison.Ordinal);
        Assert.DoesNotContain("MOVIEID", plan.Sql[..where], StringComparison.Ordinal);
        Assert.Equal(1, CountOf(plan.Sql, "\"MOVIEID\""));
        Assert.Contains("\"MOVIEID\" IS NULL", plan.Sql[where..], StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Theory]
    [InlineData(EpochUnit.Seconds, 0)]
    [InlineData(EpochUnit.Milliseconds, 3)]
    [InlineData(EpochUnit.Microseconds, 6)]
    [InlineData(EpochUnit.Nanoseconds, 9)]
    public void Plan_EpochColumn_MonthFromUnixTimeInItsUnit(EpochUnit unit, int scale)
    {
        var plan = TransferPlanner.Plan(GoldenCases.Events, GoldenCases.EventsColumns, new() { EpochColumns = ["TS_SECONDS"], EpochUnit = unit });

        Assert.Equal(ColumnRole.Month, plan.Columns[0].Role);
        Assert.Equal(unit, plan.Columns[0].Epoch);
        Assert.Equal(SnowflakeType.Date, plan.OutputSchema[0].Type);
        Assert.Contains($"TO_TIMESTAMP_NTZ(\"TS_SECONDS\", {scale})", plan.Sql, StringComparison.Ordinal);
        Assert.Equal(ColumnRole.Key, plan.Columns[9].Role); // LOCAL_TS: the month was chosen, so it is a plain key
    }

    [Fact]
    public void Plan_DuplicateNamesInOneOption_CountOnce()
    {
        var plan = TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["userid", "USERID", "\"USERID\""] });

        Assert.Equal(ColumnRole.Key, plan.Columns[0].Role);
    }

    [Fact]
    public void Plan_ColumnsOutOfOrder_FollowOrdinals()
    {
        var shuffled = SampleTables.RatingsColumns.Reverse().ToList();

        var plan = TransferPlanner.Plan(SampleTables.Ratings, shuffled);

        Assert.Equal(["USERID", "MOVIEID", "RATING", "TIMESTAMP"], plan.OutputSchema.Select(c => c.Name));
    }

    [Theory]
    [InlineData("DECIMAL", SnowflakeType.Fixed)]
    [InlineData("int", SnowflakeType.Fixed)]
    [InlineData("VARCHAR(20)", SnowflakeType.Text)]
    [InlineData("DOUBLE", SnowflakeType.Real)]
    [InlineData("DATETIME", SnowflakeType.TimestampNtz)]
    [InlineData("TIMESTAMP_LTZ", SnowflakeType.TimestampLtz)]
    [InlineData("VARBINARY", SnowflakeType.Binary)]
    public void Plan_SynonymDataTypes_ClassifiedLikeCanonicalNames(string dataType, SnowflakeType expected)
    {
        var columns = SampleTables.Columns(("D", "DATE", null, null), ("X", dataType, 18, 3));

        var plan = TransferPlanner.Plan(SampleTables.Table("T"), columns);

        Assert.Equal(expected, plan.Columns[1].SourceType);
    }

    [Fact]
    public void Plan_TimestampLtzMonth_ConvertedToUtcFirst()
    {
        var columns = SampleTables.Columns(("TS", "TIMESTAMP_LTZ", null, null));

        var plan = TransferPlanner.Plan(SampleTables.Table("T"), columns);

        Assert.Contains("CAST(DATE_TRUNC('MONTH', CONVERT_TIMEZONE('UTC', \"TS\")) AS DATE) AS \"TS\"", plan.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OnlyMonthColumn_IsStillValid()
    {
        var columns = SampleTables.Columns(("D", "DATE", null, null));

        var plan = TransferPlanner.Plan(SampleTables.Table("T"), columns);

        Assert.Equal(
            """
            SELECT
                CAST(DATE_TRUNC('MONTH', "D") AS DATE) AS "D",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."T"
            WHERE NOT ("D" IS NULL)
            GROUP BY
                CAST(DATE_TRUNC('MONTH', "D") AS DATE)
            ORDER BY
                1 ASC NULLS LAST
            """,
            plan.Sql);
    }

    [Fact]
    public void Plan_UnsupportedTypeDropped_IsFine()
    {
        var columns = SampleTables.Columns(("D", "DATE", null, null), ("G", "GEOGRAPHY", null, null));

        var plan = TransferPlanner.Plan(SampleTables.Table("T"), columns, new() { DropColumns = ["G"] });

        Assert.Single(plan.OutputSchema);
    }
}
