using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Planning;

public sealed class TransferPlanGoldenTests
{
    public static TheoryData<string> Cases => [.. GoldenCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_GoldenCase_RendersExpectedSql(string name)
    {
        var (table, columns, options) = GoldenCases.All[name];

        var plan = TransferPlanner.Plan(table, columns, options);

        Assert.Equal(GoldenSql.All[name], plan.Sql);
    }

    [Fact]
    public void GoldenSql_EveryEntry_HasACase() => Assert.Equal(GoldenCases.All.Keys.Order(), GoldenSql.All.Keys.Order());

    [Fact]
    public void Plan_OrdersDefaults_OutputSchemaKeepsSourceNamesAndOrder()
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns);

        OutputColumn[] expected =
        [
            new("O_ORDERKEY", SnowflakeType.Fixed, 38, 0),
            new("O_CUSTKEY", SnowflakeType.Fixed, 38, 0),
            new("O_ORDERSTATUS", SnowflakeType.Text),
            new("O_TOTALPRICE", SnowflakeType.Fixed, 38, 2),
            new("O_ORDERDATE", SnowflakeType.Date),
            new("O_ORDERPRIORITY", SnowflakeType.Text),
            new("O_CLERK", SnowflakeType.Text),
            new("O_SHIPPRIORITY", SnowflakeType.Fixed, 38, 0),
            new("O_COMMENT", SnowflakeType.Text),
            new("CREATED_AT", SnowflakeType.Date),
        ];
        Assert.Equal(expected, plan.OutputSchema);
        Assert.Equal(10, plan.SourceRowsOrdinal);
    }

    [Fact]
    public void Plan_LocationsDefaults_FloatSumsAsRealAndDecimalsKeepScale()
    {
        var plan = TransferPlanner.Plan(SampleTables.Locations, SampleTables.LocationsColumns);

        Assert.Equal(new OutputColumn("AREA_KM2", SnowflakeType.Fixed, 38, 2), plan.OutputSchema[5]);
        Assert.Equal(new OutputColumn("ELEVATION_M", SnowflakeType.Real), plan.OutputSchema[7]);
    }

    [Fact]
    public void Plan_RatingsWithKeys_NumericKeysKeepTheirSourceType()
    {
        var plan = TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["USERID"] });

        Assert.Equal(new OutputColumn("USERID", SnowflakeType.Fixed, 38, 0), plan.OutputSchema[0]);
        Assert.Equal(new OutputColumn("RATING", SnowflakeType.Fixed, 38, 1), plan.OutputSchema[2]);
        Assert.Equal(new OutputColumn("TIMESTAMP", SnowflakeType.Date), plan.OutputSchema[3]);
    }

    [Fact]
    public void CountSql_AnyTable_CountsEveryRowOfTheQuotedTable()
    {
        var plan = TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns);

        Assert.Equal(
            """
            SELECT
                COUNT(*) AS "_SNOWFERRY_TOTAL_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."MOVIE_RATINGS_27M"
            """,
            plan.CountSql);
    }

    [Fact]
    public void Describe_OrdersOneMonthColumn_ListsEachRoleAndReasonThenTheWarningsThenTheSql()
    {
        var (table, columns, options) = GoldenCases.All["Orders_OneMonthColumn"];

        var text = TransferPlanner.Plan(table, columns, options).Describe();

        Assert.Equal(
            """
            Plan for SNOWFERRY.PUBLIC.ORDERS_100K: 9 of 10 columns written, one row per group of O_ORDERSTATUS, O_ORDERDATE, O_ORDERPRIORITY, O_CLERK, CREATED_AT
              O_ORDERKEY       NUMBER(38,0)  sum      NUMBER(38,0) → sum, exact as NUMBER(38,0)
              O_CUSTKEY        NUMBER(38,0)  sum      NUMBER(38,0) → sum, exact as NUMBER(38,0)
              O_ORDERSTATUS    TEXT          key      TEXT → key, written as it is
              O_TOTALPRICE     NUMBER(12,2)  sum      NUMBER(12,2) → sum, exact as NUMBER(38,2)
              O_ORDERDATE      DATE          month    DATE → month (first day of its month) (TransferPlanOptions.MonthColumns)
              O_ORDERPRIORITY  TEXT          key      TEXT → key, written as it is
              O_CLERK          TEXT          key      TEXT → key, written as it is
              O_SHIPPRIORITY   NUMBER(38,0)  sum      NUMBER(38,0) → sum, exact as NUMBER(38,0)
              O_COMMENT        TEXT          dropped  dropped (TransferPlanOptions.DropColumns)
              CREATED_AT       TIMESTAMP_TZ  key      TIMESTAMP_TZ → key, written as it is (not a chosen month column)

            warning: Column "O_ORDERKEY" (NUMBER(38,0)) looks like an identifier, and the defaults sum it; add it to TransferPlanOptions.KeyColumns to group by it instead, or to TransferPlanOptions.DropColumns to leave it out.
            warning: Column "O_CUSTKEY" (NUMBER(38,0)) looks like an identifier, and the defaults sum it; add it to TransferPlanOptions.KeyColumns to group by it instead, or to TransferPlanOptions.DropColumns to leave it out.

            """ + "\n" + GoldenSql.All["Orders_OneMonthColumn"] + "\n",
            text);
    }
}
