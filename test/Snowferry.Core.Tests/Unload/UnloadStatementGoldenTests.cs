using Snowferry.Destinations;
using Snowferry.Planning;
using Snowferry.Planning.Sql;
using Snowferry.Tests.Planning;
using Snowferry.Unload;

namespace Snowferry.Tests.Unload;

/// <summary>
/// The COPY INTO statement as text, checked against Snowflake's grammar (SQL_API.md §11,
/// docs.snowflake.com/en/sql-reference/sql/copy-into-location): string-literal URL ending in '/', a parenthesised query,
/// STORAGE_INTEGRATION, FILE_FORMAT = (TYPE = …), HEADER, MAX_FILE_SIZE, DETAILED_OUTPUT; never SINGLE or CREDENTIALS.
/// </summary>
public sealed class UnloadStatementGoldenTests
{
    public static TheoryData<string> Cases => [.. GoldenCases.All.Keys];

    [Fact]
    public void ToSql_RatingsWithIdsAsKeys_RendersTheGolden()
    {
        var plan = TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["USERID", "MOVIEID"] });

        var sql = Statement(plan, "MOVIE_RATINGS_27M").ToSql();

        Assert.Equal("""
            COPY INTO 's3://stakeholder-bucket/exports/MOVIE_RATINGS_27M/run-20261124T101530Z_3f9c2a1b/'
            FROM (
            SELECT
                "USERID" AS "USERID",
                "MOVIEID" AS "MOVIEID",
                CAST(SUM("RATING") AS NUMBER(38, 1)) AS "RATING",
                CAST(DATE_TRUNC('MONTH', "TIMESTAMP") AS DATE) AS "TIMESTAMP"
            FROM "SNOWFERRY"."PUBLIC"."MOVIE_RATINGS_27M"
            WHERE NOT (
                "USERID" IS NULL
                AND "MOVIEID" IS NULL
                AND "RATING" IS NULL
                AND "TIMESTAMP" IS NULL
            )
            GROUP BY
                "USERID",
                "MOVIEID",
                CAST(DATE_TRUNC('MONTH', "TIMESTAMP") AS DATE)
            ORDER BY
                1 ASC NULLS LAST,
                2 ASC NULLS LAST,
                4 ASC NULLS LAST
            )
            STORAGE_INTEGRATION = "SNOWFERRY_LOCAL_S3"
            FILE_FORMAT = (TYPE = PARQUET COMPRESSION = SNAPPY)
            HEADER = TRUE
            MAX_FILE_SIZE = 268435456
            DETAILED_OUTPUT = TRUE
            """, sql);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToSql_GoldenPlan_WrapsThePlanWithoutTheHiddenColumn(string name)
    {
        var (table, columns, options) = GoldenCases.All[name];
        var plan = TransferPlanner.Plan(table, columns, options);

        var sql = Statement(plan, table.Name.Name).ToSql();

        var query = GoldenSql.All[name].Replace(",\n    COUNT(*) AS \"_SNOWFERRY_SOURCE_ROWS\"", "", StringComparison.Ordinal);
        Assert.DoesNotContain(TransferPlan.SourceRowsColumn, query, StringComparison.Ordinal);
        Assert.Equal(
            $"COPY INTO 's3://stakeholder-bucket/exports/{table.Name.Name}/run-20261124T101530Z_3f9c2a1b/'\nFROM (\n{query}\n)\n" +
            "STORAGE_INTEGRATION = \"SNOWFERRY_LOCAL_S3\"\nFILE_FORMAT = (TYPE = PARQUET COMPRESSION = SNAPPY)\nHEADER = TRUE\n" +
            "MAX_FILE_SIZE = 268435456\nDETAILED_OUTPUT = TRUE",
            sql);
        Assert.DoesNotContain("SINGLE", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("CREDENTIALS", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSql_Csv_NamesGzipCsv()
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns);

        var sql = (Statement(plan, "ORDERS_100K") with { Format = UnloadFileFormat.Csv, MaxFileSize = 1000 }).ToSql();

        Assert.EndsWith("FILE_FORMAT = (TYPE = CSV COMPRESSION = GZIP)\nHEADER = TRUE\nMAX_FILE_SIZE = 1000\nDETAILED_OUTPUT = TRUE", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad_Bucket", "p/")]
    [InlineData("ok-bucket", "it's/")]
    [InlineData("ok-bucket", "a//b/")]
    [InlineData("ok-bucket", "no-slash")]
    [InlineData("ok-bucket", "back\\slash/")]
    [InlineData("ok-bucket", "acme/../run-x/")]
    [InlineData("ok-bucket", "./run-x/")]
    [InlineData("ok-bucket", "acme//")]
    public void ToSql_UnsafeLocation_Refused(string bucket, string prefix)
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns);

        var statement = Statement(plan, "ORDERS_100K") with { Bucket = bucket, Prefix = prefix };

        Assert.Throws<DestinationException>(statement.ToSql);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(UnloadStatement.MaxFileSizeLimit + 1)]
    public void MaxFileSize_OutOfRange_Refused(long size)
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns);

        Assert.Throws<ArgumentOutOfRangeException>(() => Statement(plan, "ORDERS_100K") with { MaxFileSize = size });
    }

    [Fact]
    public void Decide_EstimateAtThreshold_Unloads()
    {
        var plan = TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["USERID", "MOVIEID"] });
        var width = TransferModeChooser.EstimateRowWidth(plan.OutputSchema);

        var below = TransferModeChooser.Decide(plan.OutputSchema, 1_000_000, 999, 1000 * width);
        var at = TransferModeChooser.Decide(plan.OutputSchema, 1_000_000, 1000, 1000 * width);
        var capped = TransferModeChooser.Decide(plan.OutputSchema, 10, 1000, 1000 * width);

        Assert.Equal(TransferMode.Stream, below.Mode);
        Assert.Equal(TransferMode.Unload, at.Mode);
        Assert.Equal(10, capped.EstimatedRows);
        Assert.Equal(16 + 16 + 16 + 4, width);
    }

    private static UnloadStatement Statement(TransferPlan plan, string table) => new()
    {
        Bucket = "stakeholder-bucket",
        Prefix = $"exports/{table}/run-20261124T101530Z_3f9c2a1b/",
        Query = plan.OutputStatement,
        StorageIntegration = new SqlIdentifier("SNOWFERRY_LOCAL_S3"),
    };
}
