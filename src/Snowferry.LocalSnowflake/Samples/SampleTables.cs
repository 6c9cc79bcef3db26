using System.Globalization;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Samples;

/// <summary>
/// The contract's three sample tables (<c>LOCATIONS_595</c>, <c>ORDERS_100K</c>, <c>MOVIE_RATINGS_27M</c>) in the
/// <c>PUBLIC</c> schema, generated inside DuckDB from a fixed seed, so every run holds the same rows.
/// </summary>
/// <remarks>
/// Every value is a function of the row number and <see cref="Seed"/> through DuckDB's <c>hash</c>, computed over
/// <c>range(n)</c> in one INSERT per table: no <c>random()</c> (which differs run to run) and no per-row C#.
/// </remarks>
public static class SampleTables
{
    /// <summary>Rows of <c>MOVIE_RATINGS_27M</c> at scale 1.</summary>
    public const long MovieRatingsFullRowCount = 27_753_444;

    /// <summary>The schema the sample tables live in.</summary>
    public const string Schema = "PUBLIC";

    /// <summary>The seed every generated value derives from.</summary>
    public const int Seed = 20_261_124;

    public const string Locations = "LOCATIONS_595";

    public const string Orders = "ORDERS_100K";

    public const string MovieRatings = "MOVIE_RATINGS_27M";

    /// <summary>Creates (or replaces) the three tables; <paramref name="scale"/> in (0, 1] scales MOVIE_RATINGS_27M only.</summary>
    public static void Create(LocalEngine engine, double scale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (scale is <= 0 or > 1 || double.IsNaN(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be in (0, 1].");
        }

        CreateLocations(engine, cancellationToken);
        CreateOrders(engine, cancellationToken);
        CreateMovieRatings(engine, MovieRatingsRowCount(scale), cancellationToken);
    }

    /// <summary>Rows of <c>MOVIE_RATINGS_27M</c> at <paramref name="scale"/>: round(27,753,444 × scale), at least 1.</summary>
    public static long MovieRatingsRowCount(double scale) =>
        Math.Max(1, (long)Math.Round(MovieRatingsFullRowCount * scale, MidpointRounding.AwayFromZero));

    /// <summary>True when the three tables already exist (a <c>--data</c> file from an earlier run).</summary>
    public static bool Exist(LocalEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.TableExists(Schema, Locations) && engine.TableExists(Schema, Orders) && engine.TableExists(Schema, MovieRatings);
    }

    /// <summary>A deterministic value in [0, modulo) for row <c>i</c> and a per-column salt.</summary>
    private static string H(int salt, long modulo) =>
        string.Create(CultureInfo.InvariantCulture, $"(hash(i, {Seed}, {salt}) % {modulo})");

    private static void CreateLocations(LocalEngine engine, CancellationToken cancellationToken)
    {
        engine.CreateTable(Schema, Locations,
        [
            new("ID", "NUMBER(38,0)"), new("NAME", "VARCHAR"), new("REGION", "VARCHAR"), new("COUNTRY", "VARCHAR"),
            new("DOB", "DATE"), new("AREA_KM2", "NUMBER(12,2)"), new("POPULATION", "NUMBER(38,0)"), new("ELEVATION_M", "FLOAT"),
        ], orReplace: true);

        // Blank text: empty or only white space (space, tab, LF, CR, VT, FF), or NULL.
        const string Blanks = "[NULL, '', ' ', chr(9), chr(10) || ' ', '  ' || chr(13) || chr(10), chr(11), chr(12) || ' ' || chr(9)]";
        string Blank(int salt) => $"({Blanks})[1 + CAST({H(salt, 8)} AS INTEGER)]";
        const string FullyBlank = "(i % 60 = 7)";
        const string PartlyBlankName = "(i % 17 = 3)";
        const string PartlyBlankRegion = "(i % 23 = 5)";
        var sql = $"""
            INSERT INTO {engine.NativeTableName(Schema, Locations)}
            SELECT
                CASE WHEN {FullyBlank} THEN NULL ELSE CAST(i + 1 AS DECIMAL(38,0)) END,
                CASE WHEN {FullyBlank} OR {PartlyBlankName} THEN {Blank(1)}
                    ELSE (['Ash', 'Bel', 'Cor', 'Dun', 'Elm', 'Fair', 'Glen', 'Har', 'Ivy', 'Kings', 'Lin', 'Mar', 'Nor', 'Oak', 'Port', 'Ros'])[1 + CAST({H(2, 16)} AS INTEGER)]
                        || (['ford', 'ton', 'ham', 'bury', 'wick', 'field', 'mouth', 'stead', 'vale', 'worth', 'by', 'dale'])[1 + CAST({H(3, 12)} AS INTEGER)]
                        || ' ' || CAST(i + 1 AS VARCHAR) END,
                CASE WHEN {FullyBlank} THEN {Blank(4)} WHEN {PartlyBlankRegion} THEN NULL
                    ELSE (['North', 'South', 'East', 'West', 'Central', 'Highlands', 'Coast', 'Lakes'])[1 + CAST({H(5, 8)} AS INTEGER)] END,
                CASE WHEN {FullyBlank} THEN {Blank(6)}
                    ELSE (['Norway', 'Chile', 'Kenya', 'Japan', 'Canada', 'Peru', 'Italy', 'India', 'Ghana', 'Spain'])[1 + CAST({H(7, 10)} AS INTEGER)] END,
                CASE WHEN {FullyBlank} OR {PartlyBlankRegion} THEN NULL ELSE DATE '1700-01-01' + CAST({H(8, 115000)} AS INTEGER) END,
                CASE WHEN {FullyBlank} THEN NULL ELSE CAST(CAST({H(9, 1000000000)} AS DECIMAL(12,0)) * CAST('0.01' AS DECIMAL(3,2)) AS DECIMAL(12,2)) END,
                CASE WHEN {FullyBlank} OR {PartlyBlankName} THEN NULL ELSE CAST({H(10, 40000000)} AS DECIMAL(38,0)) END,
                CASE WHEN {FullyBlank} THEN NULL ELSE round(CAST({H(11, 900000)} AS DOUBLE) / 100.0 - 400.0, 2) END
            FROM range(595) AS r(i)
            """;
        engine.ExecuteNative(sql, cancellationToken);
    }

    private static void CreateOrders(LocalEngine engine, CancellationToken cancellationToken)
    {
        engine.CreateTable(Schema, Orders,
        [
            new("O_ORDERKEY", "NUMBER(38,0)"), new("O_CUSTKEY", "NUMBER(38,0)"), new("O_ORDERSTATUS", "VARCHAR(1)"),
            new("O_TOTALPRICE", "NUMBER(12,2)"), new("O_ORDERDATE", "DATE"), new("O_ORDERPRIORITY", "VARCHAR(15)"),
            new("O_CLERK", "VARCHAR(15)"), new("O_SHIPPRIORITY", "NUMBER(38,0)"), new("O_COMMENT", "VARCHAR(79)"),
            new("CREATED_AT", "TIMESTAMP_TZ"),
        ], orReplace: true);

        // CREATED_AT: the order date's wall clock plus up to a day, in one of several offsets, so its UTC month differs
        // from its local month near month edges.
        const string Offsets = "[-480, -300, -180, 0, 60, 330, 540, 600, -600, 780]";
        var orderDate = $"(DATE '1992-01-01' + CAST({H(4, 2405)} AS INTEGER))";
        var offset = $"(({Offsets})[1 + CAST({H(12, 10)} AS INTEGER)])";
        var wall = $"(CAST({orderDate} AS TIMESTAMP) + to_seconds(CAST({H(13, 86400)} AS BIGINT)))";
        var sql = $"""
            INSERT INTO {engine.NativeTableName(Schema, Orders)}
            SELECT
                CAST(i + 1 AS DECIMAL(38,0)),
                CAST(1 + {H(1, 150000)} AS DECIMAL(38,0)),
                (['F', 'O', 'P'])[1 + CAST({H(2, 3)} AS INTEGER)],
                CAST(CAST(90000 + {H(3, 50000000)} AS DECIMAL(12,0)) * CAST('0.01' AS DECIMAL(3,2)) AS DECIMAL(12,2)),
                {orderDate},
                (['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'])[1 + CAST({H(5, 5)} AS INTEGER)],
                'Clerk#' || lpad(CAST(1 + {H(6, 1000)} AS VARCHAR), 9, '0'),
                CAST(0 AS DECIMAL(38,0)),
                left((['carefully', 'quickly', 'blithely', 'furiously', 'slyly', 'final', 'ironic', 'regular'])[1 + CAST({H(7, 8)} AS INTEGER)]
                    || ' ' || (['pending', 'express', 'special', 'unusual', 'bold', 'even'])[1 + CAST({H(8, 6)} AS INTEGER)]
                    || ' ' || (['deposits', 'requests', 'accounts', 'packages', 'theodolites', 'pinto beans', 'foxes'])[1 + CAST({H(9, 7)} AS INTEGER)]
                    || ' ' || (['sleep', 'wake', 'haggle', 'nag', 'use', 'boost', 'detect', 'integrate'])[1 + CAST({H(10, 8)} AS INTEGER)]
                    || ' ' || (['above the', 'among the', 'across the', 'after the', 'along the'])[1 + CAST({H(11, 5)} AS INTEGER)]
                    || ' ' || (['ideas', 'platelets', 'dolphins', 'instructions', 'courts', 'dependencies'])[1 + CAST({H(14, 6)} AS INTEGER)], 79),
                struct_pack(u := {wall} - to_minutes(CAST({offset} AS BIGINT)), o := CAST({offset} AS SMALLINT))
            FROM range(100000) AS r(i)
            """;
        engine.ExecuteNative(sql, cancellationToken);
    }

    private static void CreateMovieRatings(LocalEngine engine, long rows, CancellationToken cancellationToken)
    {
        engine.CreateTable(Schema, MovieRatings,
        [
            new("USERID", "NUMBER(38,0)"), new("MOVIEID", "NUMBER(38,0)"), new("RATING", "NUMBER(2,1)"), new("TIMESTAMP", "TIMESTAMP_NTZ"),
        ], orReplace: true);

        // Users and movies as in MovieLens' full set; timestamps from 1995-01-09 to 2018-09-26 (epoch 789652009 + up to
        // 748,000,000 s); ratings 0.5 to 5.0 in steps of 0.5.
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO {engine.NativeTableName(Schema, MovieRatings)}
            SELECT
                CAST(1 + {H(1, 283228)} AS DECIMAL(38,0)),
                CAST(1 + {H(2, 193886)} AS DECIMAL(38,0)),
                CAST(CAST(1 + {H(3, 10)} AS DECIMAL(3,0)) * CAST('0.5' AS DECIMAL(2,1)) AS DECIMAL(2,1)),
                make_timestamp(CAST((789652009 + {H(4, 748000000)}) * 1000000 AS BIGINT))
            FROM range({rows}) AS r(i)
            """);
        engine.ExecuteNative(sql, cancellationToken);
    }
}
