namespace Snowferry.Tests.Planning;

internal static partial class GoldenSql
{
    private static readonly Dictionary<string, string> s_ratings = new()
    {
        ["Ratings_Defaults"] = """
            SELECT
                CAST(SUM("USERID") AS NUMBER(38, 0)) AS "USERID",
                CAST(SUM("MOVIEID") AS NUMBER(38, 0)) AS "MOVIEID",
                CAST(SUM("RATING") AS NUMBER(38, 1)) AS "RATING",
                CAST(DATE_TRUNC('MONTH', "TIMESTAMP") AS DATE) AS "TIMESTAMP",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."MOVIE_RATINGS_27M"
            WHERE NOT (
                "USERID" IS NULL
                AND "MOVIEID" IS NULL
                AND "RATING" IS NULL
                AND "TIMESTAMP" IS NULL
            )
            GROUP BY
                CAST(DATE_TRUNC('MONTH', "TIMESTAMP") AS DATE)
            ORDER BY
                4 ASC NULLS LAST
            """,
        ["Ratings_UsersAndMoviesAsKeys"] = """
            SELECT
                "USERID" AS "USERID",
                "MOVIEID" AS "MOVIEID",
                CAST(SUM("RATING") AS NUMBER(38, 1)) AS "RATING",
                CAST(DATE_TRUNC('MONTH', "TIMESTAMP") AS DATE) AS "TIMESTAMP",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
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
            """,
    };
}
