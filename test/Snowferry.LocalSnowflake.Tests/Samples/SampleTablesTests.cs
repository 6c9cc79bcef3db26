using System.Diagnostics;
using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Samples;

namespace Snowferry.LocalSnowflake.Tests.Samples;

/// <summary>The sample tables: shapes, row counts, determinism and the blank rows the transfer must drop.</summary>
public sealed class SampleTablesTests
{
    private const double Scale = 0.001;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly EngineContext s_context = new() { Database = "SNOWFERRY", Schema = "PUBLIC" };

    private static LocalEngine CreateSut()
    {
        var engine = new LocalEngine(new LocalEngineOptions());
        SampleTables.Create(engine, Scale, Ct);
        return engine;
    }

    private static List<string?[]> Rows(LocalEngine engine, string sql)
    {
        using var result = engine.Execute(sql, s_context, Ct);
        return result.Rows.ToList();
    }

    [Fact]
    public void Create_AtScale_HasTheContractRowCounts()
    {
        using var engine = CreateSut();

        Assert.True(SampleTables.Exist(engine));
        Assert.Equal("595", Rows(engine, "SELECT COUNT(*) FROM LOCATIONS_595")[0][0]);
        Assert.Equal("100000", Rows(engine, "select count(*) from orders_100k")[0][0]);
        Assert.Equal("27753", Rows(engine, "SELECT COUNT(*) FROM MOVIE_RATINGS_27M")[0][0]);
        Assert.Equal(
            [["100000", "1", "100000"]],
            Rows(engine, "SELECT COUNT(DISTINCT O_ORDERKEY), MIN(O_ORDERKEY), MAX(O_ORDERKEY) FROM ORDERS_100K"));
    }

    [Fact]
    public void Exist_EmptyEngine_IsFalse()
    {
        using var engine = new LocalEngine(new LocalEngineOptions());

        Assert.False(SampleTables.Exist(engine));
    }

    [Fact]
    public void Create_TwoEngines_HoldIdenticalRows()
    {
        using var first = CreateSut();
        using var second = CreateSut();

        foreach (var sql in new[]
        {
            "SELECT * FROM LOCATIONS_595 ORDER BY ID, NAME, REGION, COUNTRY",
            "SELECT * FROM ORDERS_100K ORDER BY O_ORDERKEY LIMIT 2000",
            "SELECT * FROM MOVIE_RATINGS_27M ORDER BY USERID, MOVIEID, TIMESTAMP, RATING LIMIT 2000",
        })
        {
            Assert.Equal(Rows(first, sql), Rows(second, sql));
        }
    }

    [Fact]
    public void Create_Locations_HasFullyAndPartlyBlankRows()
    {
        using var engine = CreateSut();
        const string Ws = "' \\t\\n\\r\\u000B\\f'";
        string Blank(string column) => $"({column} IS NULL OR TRIM({column}, {Ws}) = '')";

        var fullyBlank = Rows(engine,
            $"SELECT COUNT(*) FROM LOCATIONS_595 WHERE ID IS NULL AND {Blank("NAME")} AND {Blank("REGION")} AND {Blank("COUNTRY")} " +
            "AND DOB IS NULL AND AREA_KM2 IS NULL AND POPULATION IS NULL AND ELEVATION_M IS NULL")[0][0];
        var partlyBlank = Rows(engine, $"SELECT COUNT(*) FROM LOCATIONS_595 WHERE ID IS NOT NULL AND ({Blank("NAME")} OR {Blank("REGION")})")[0][0];
        var whiteSpaceOnly = Rows(engine, $"SELECT COUNT(*) FROM LOCATIONS_595 WHERE NAME IS NOT NULL AND TRIM(NAME, {Ws}) = ''")[0][0];

        Assert.Equal("10", fullyBlank);
        Assert.True(int.Parse(partlyBlank!, System.Globalization.CultureInfo.InvariantCulture) > 20, partlyBlank);
        Assert.True(int.Parse(whiteSpaceOnly!, System.Globalization.CultureInfo.InvariantCulture) > 5, whiteSpaceOnly);
    }

    [Fact]
    public void Create_Orders_HasTpchShapeAndVariedOffsets()
    {
        using var engine = CreateSut();

        Assert.Equal([["F"], ["O"], ["P"]], Rows(engine, "SELECT O_ORDERSTATUS FROM ORDERS_100K GROUP BY 1 ORDER BY 1"));
        Assert.Equal(5, Rows(engine, "SELECT O_ORDERPRIORITY FROM ORDERS_100K GROUP BY 1").Count);
        Assert.Equal([["1992", "1998"]], Rows(engine, "SELECT MIN(YEAR(O_ORDERDATE)), MAX(YEAR(O_ORDERDATE)) FROM ORDERS_100K"));
        Assert.Matches("^Clerk#\\d{9}$", Rows(engine, "SELECT O_CLERK FROM ORDERS_100K LIMIT 1")[0][0]);
        var offsets = Rows(engine, "SELECT CREATED_AT FROM ORDERS_100K LIMIT 500").Select(r => r[0]!.Split(' ')[1]).Distinct().Count();
        Assert.True(offsets > 5, offsets.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var monthShift = Rows(engine,
            "SELECT COUNT(*) FROM ORDERS_100K WHERE CAST(DATE_TRUNC('MONTH', CONVERT_TIMEZONE('UTC', CREATED_AT)) AS DATE) <> " +
            "CAST(DATE_TRUNC('MONTH', CREATED_AT) AS DATE)")[0][0];
        Assert.NotEqual("0", monthShift);
    }

    [Fact]
    public void Create_MovieRatings_HasHalfStepRatingsFrom1995To2018()
    {
        using var engine = CreateSut();

        Assert.Equal(
            [["0.5", "5.0", "10", "1995", "2018"]],
            Rows(engine, "SELECT MIN(RATING), MAX(RATING), COUNT(DISTINCT RATING), MIN(YEAR(TIMESTAMP)), MAX(YEAR(TIMESTAMP)) FROM MOVIE_RATINGS_27M"));
    }

    [Fact]
    public void MovieRatingsRowCount_Scales_RoundsAndKeepsAtLeastOne()
    {
        Assert.Equal(27_753_444, SampleTables.MovieRatingsRowCount(1));
        Assert.Equal(27_753, SampleTables.MovieRatingsRowCount(0.001));
        Assert.Equal(1, SampleTables.MovieRatingsRowCount(1e-12));
    }

    [Fact(Explicit = true)]
    public void Create_FullScale_GeneratesWellUnderAMinute()
    {
        using var engine = new LocalEngine(new LocalEngineOptions());
        var clock = Stopwatch.StartNew();

        SampleTables.Create(engine, 1, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"full-size samples in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal("27753444", Rows(engine, "SELECT COUNT(*) FROM MOVIE_RATINGS_27M")[0][0]);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), clock.Elapsed.ToString());

        clock.Restart();
        var months = Rows(engine,
            "SELECT CAST(DATE_TRUNC('MONTH', \"TIMESTAMP\") AS DATE) AS \"TIMESTAMP\", SUM(\"USERID\") AS \"USERID\", SUM(\"MOVIEID\") AS \"MOVIEID\", " +
            "SUM(\"RATING\") AS \"RATING\", COUNT(*) AS \"_SNOWFERRY_SOURCE_ROWS\" FROM \"SNOWFERRY\".\"PUBLIC\".\"MOVIE_RATINGS_27M\" " +
            "WHERE NOT (\"USERID\" IS NULL AND \"MOVIEID\" IS NULL AND \"RATING\" IS NULL AND \"TIMESTAMP\" IS NULL) GROUP BY 1 ORDER BY 1 ASC NULLS LAST");
        TestContext.Current.TestOutputHelper?.WriteLine($"monthly aggregation of the full table in {clock.Elapsed.TotalSeconds:F1} s, {months.Count} months");
        Assert.InRange(months.Count, 280, 290);
    }
}
