namespace Snowferry.Tests.Planning;

/// <summary>
/// The expected SQL of each <see cref="GoldenCases"/> entry, reviewed by hand against Snowflake's documentation (see
/// PlanSqlBuilder's remarks). A change here is a change of what runs in the customer's warehouse: review it as such.
/// </summary>
internal static class GoldenSql
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["Locations_Defaults"] = """
            SELECT
                CAST(SUM("ID") AS NUMBER(38, 0)) AS "ID",
                "NAME" AS "NAME",
                "REGION" AS "REGION",
                "COUNTRY" AS "COUNTRY",
                CAST(DATE_TRUNC('MONTH', "DOB") AS DATE) AS "DOB",
                CAST(SUM("AREA_KM2") AS NUMBER(38, 2)) AS "AREA_KM2",
                CAST(SUM("POPULATION") AS NUMBER(38, 0)) AS "POPULATION",
                SUM("ELEVATION_M") AS "ELEVATION_M",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."LOCATIONS_595"
            WHERE NOT (
                "ID" IS NULL
                AND ("NAME" IS NULL OR TRIM("NAME", ' \t\n\r\u000B\f') = '')
                AND ("REGION" IS NULL OR TRIM("REGION", ' \t\n\r\u000B\f') = '')
                AND ("COUNTRY" IS NULL OR TRIM("COUNTRY", ' \t\n\r\u000B\f') = '')
                AND "DOB" IS NULL
                AND "AREA_KM2" IS NULL
                AND "POPULATION" IS NULL
                AND "ELEVATION_M" IS NULL
            )
            GROUP BY
                "NAME",
                "REGION",
                "COUNTRY",
                CAST(DATE_TRUNC('MONTH', "DOB") AS DATE)
            ORDER BY
                2 ASC NULLS LAST,
                3 ASC NULLS LAST,
                4 ASC NULLS LAST,
                5 ASC NULLS LAST
            """,
        ["Locations_IdAsKey"] = """
            SELECT
                "ID" AS "ID",
                "NAME" AS "NAME",
                "REGION" AS "REGION",
                "COUNTRY" AS "COUNTRY",
                CAST(DATE_TRUNC('MONTH', "DOB") AS DATE) AS "DOB",
                CAST(SUM("AREA_KM2") AS NUMBER(38, 2)) AS "AREA_KM2",
                CAST(SUM("POPULATION") AS NUMBER(38, 0)) AS "POPULATION",
                SUM("ELEVATION_M") AS "ELEVATION_M",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."LOCATIONS_595"
            WHERE NOT (
                "ID" IS NULL
                AND ("NAME" IS NULL OR TRIM("NAME", ' \t\n\r\u000B\f') = '')
                AND ("REGION" IS NULL OR TRIM("REGION", ' \t\n\r\u000B\f') = '')
                AND ("COUNTRY" IS NULL OR TRIM("COUNTRY", ' \t\n\r\u000B\f') = '')
                AND "DOB" IS NULL
                AND "AREA_KM2" IS NULL
                AND "POPULATION" IS NULL
                AND "ELEVATION_M" IS NULL
            )
            GROUP BY
                "ID",
                "NAME",
                "REGION",
                "COUNTRY",
                CAST(DATE_TRUNC('MONTH', "DOB") AS DATE)
            ORDER BY
                1 ASC NULLS LAST,
                2 ASC NULLS LAST,
                3 ASC NULLS LAST,
                4 ASC NULLS LAST,
                5 ASC NULLS LAST
            """,
        ["Locations_KeepSome"] = """
            SELECT
                "REGION" AS "REGION",
                CAST(DATE_TRUNC('MONTH', "DOB") AS DATE) AS "DOB",
                CAST(SUM("POPULATION") AS NUMBER(38, 0)) AS "POPULATION",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."LOCATIONS_595"
            WHERE NOT (
                ("REGION" IS NULL OR TRIM("REGION", ' \t\n\r\u000B\f') = '')
                AND "DOB" IS NULL
                AND "POPULATION" IS NULL
            )
            GROUP BY
                "REGION",
                CAST(DATE_TRUNC('MONTH', "DOB") AS DATE)
            ORDER BY
                1 ASC NULLS LAST,
                2 ASC NULLS LAST
            """,
        ["Locations_DropSome"] = """
            SELECT
                CAST(SUM("ID") AS NUMBER(38, 0)) AS "ID",
                "REGION" AS "REGION",
                "COUNTRY" AS "COUNTRY",
                CAST(DATE_TRUNC('MONTH', "DOB") AS DATE) AS "DOB",
                CAST(SUM("AREA_KM2") AS NUMBER(38, 2)) AS "AREA_KM2",
                CAST(SUM("POPULATION") AS NUMBER(38, 0)) AS "POPULATION",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."LOCATIONS_595"
            WHERE NOT (
                "ID" IS NULL
                AND ("REGION" IS NULL OR TRIM("REGION", ' \t\n\r\u000B\f') = '')
                AND ("COUNTRY" IS NULL OR TRIM("COUNTRY", ' \t\n\r\u000B\f') = '')
                AND "DOB" IS NULL
                AND "AREA_KM2" IS NULL
                AND "POPULATION" IS NULL
            )
            GROUP BY
                "REGION",
                "COUNTRY",
                CAST(DATE_TRUNC('MONTH', "DOB") AS DATE)
            ORDER BY
                2 ASC NULLS LAST,
                3 ASC NULLS LAST,
                4 ASC NULLS LAST
            """,
        ["Orders_Defaults"] = """
            SELECT
                CAST(SUM("O_ORDERKEY") AS NUMBER(38, 0)) AS "O_ORDERKEY",
                CAST(SUM("O_CUSTKEY") AS NUMBER(38, 0)) AS "O_CUSTKEY",
                "O_ORDERSTATUS" AS "O_ORDERSTATUS",
                CAST(SUM("O_TOTALPRICE") AS NUMBER(38, 2)) AS "O_TOTALPRICE",
                CAST(DATE_TRUNC('MONTH', "O_ORDERDATE") AS DATE) AS "O_ORDERDATE",
                "O_ORDERPRIORITY" AS "O_ORDERPRIORITY",
                "O_CLERK" AS "O_CLERK",
                CAST(SUM("O_SHIPPRIORITY") AS NUMBER(38, 0)) AS "O_SHIPPRIORITY",
                "O_COMMENT" AS "O_COMMENT",
                CAST(DATE_TRUNC('MONTH', CONVERT_TIMEZONE('UTC', "CREATED_AT")) AS DATE) AS "CREATED_AT",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."ORDERS_100K"
            WHERE NOT (
                "O_ORDERKEY" IS NULL
                AND "O_CUSTKEY" IS NULL
                AND ("O_ORDERSTATUS" IS NULL OR TRIM("O_ORDERSTATUS", ' \t\n\r\u000B\f') = '')
                AND "O_TOTALPRICE" IS NULL
                AND "O_ORDERDATE" IS NULL
                AND ("O_ORDERPRIORITY" IS NULL OR TRIM("O_ORDERPRIORITY", ' \t\n\r\u000B\f') = '')
                AND ("O_CLERK" IS NULL OR TRIM("O_CLERK", ' \t\n\r\u000B\f') = '')
                AND "O_SHIPPRIORITY" IS NULL
                AND ("O_COMMENT" IS NULL OR TRIM("O_COMMENT", ' \t\n\r\u000B\f') = '')
                AND "CREATED_AT" IS NULL
            )
            GROUP BY
                "O_ORDERSTATUS",
                CAST(DATE_TRUNC('MONTH', "O_ORDERDATE") AS DATE),
                "O_ORDERPRIORITY",
                "O_CLERK",
                "O_COMMENT",
                CAST(DATE_TRUNC('MONTH', CONVERT_TIMEZONE('UTC', "CREATED_AT")) AS DATE)
            ORDER BY
                3 ASC NULLS LAST,
                5 ASC NULLS LAST,
                6 ASC NULLS LAST,
                7 ASC NULLS LAST,
                9 ASC NULLS LAST,
                10 ASC NULLS LAST
            """,
        ["Orders_IdentifiersAsKeys"] = """
            SELECT
                "O_ORDERKEY" AS "O_ORDERKEY",
                "O_CUSTKEY" AS "O_CUSTKEY",
                "O_ORDERSTATUS" AS "O_ORDERSTATUS",
                CAST(SUM("O_TOTALPRICE") AS NUMBER(38, 2)) AS "O_TOTALPRICE",
                CAST(DATE_TRUNC('MONTH', "O_ORDERDATE") AS DATE) AS "O_ORDERDATE",
                "O_ORDERPRIORITY" AS "O_ORDERPRIORITY",
                "O_CLERK" AS "O_CLERK",
                "O_SHIPPRIORITY" AS "O_SHIPPRIORITY",
                "O_COMMENT" AS "O_COMMENT",
                CAST(DATE_TRUNC('MONTH', CONVERT_TIMEZONE('UTC', "CREATED_AT")) AS DATE) AS "CREATED_AT",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."ORDERS_100K"
            WHERE NOT (
                "O_ORDERKEY" IS NULL
                AND "O_CUSTKEY" IS NULL
                AND ("O_ORDERSTATUS" IS NULL OR TRIM("O_ORDERSTATUS", ' \t\n\r\u000B\f') = '')
                AND "O_TOTALPRICE" IS NULL
                AND "O_ORDERDATE" IS NULL
                AND ("O_ORDERPRIORITY" IS NULL OR TRIM("O_ORDERPRIORITY", ' \t\n\r\u000B\f') = '')
                AND ("O_CLERK" IS NULL OR TRIM("O_CLERK", ' \t\n\r\u000B\f') = '')
                AND "O_SHIPPRIORITY" IS NULL
                AND ("O_COMMENT" IS NULL OR TRIM("O_COMMENT", ' \t\n\r\u000B\f') = '')
                AND "CREATED_AT" IS NULL
            )
            GROUP BY
                "O_ORDERKEY",
                "O_CUSTKEY",
                "O_ORDERSTATUS",
                CAST(DATE_TRUNC('MONTH', "O_ORDERDATE") AS DATE),
                "O_ORDERPRIORITY",
                "O_CLERK",
                "O_SHIPPRIORITY",
                "O_COMMENT",
                CAST(DATE_TRUNC('MONTH', CONVERT_TIMEZONE('UTC', "CREATED_AT")) AS DATE)
            ORDER BY
                1 ASC NULLS LAST,
                2 ASC NULLS LAST,
                3 ASC NULLS LAST,
                5 ASC NULLS LAST,
                6 ASC NULLS LAST,
                7 ASC NULLS LAST,
                8 ASC NULLS LAST,
                9 ASC NULLS LAST,
                10 ASC NULLS LAST
            """,
        ["Orders_OneMonthColumn"] = """
            SELECT
                CAST(SUM("O_ORDERKEY") AS NUMBER(38, 0)) AS "O_ORDERKEY",
                CAST(SUM("O_CUSTKEY") AS NUMBER(38, 0)) AS "O_CUSTKEY",
                "O_ORDERSTATUS" AS "O_ORDERSTATUS",
                CAST(SUM("O_TOTALPRICE") AS NUMBER(38, 2)) AS "O_TOTALPRICE",
                CAST(DATE_TRUNC('MONTH', "O_ORDERDATE") AS DATE) AS "O_ORDERDATE",
                "O_ORDERPRIORITY" AS "O_ORDERPRIORITY",
                "O_CLERK" AS "O_CLERK",
                CAST(SUM("O_SHIPPRIORITY") AS NUMBER(38, 0)) AS "O_SHIPPRIORITY",
                "CREATED_AT" AS "CREATED_AT",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."ORDERS_100K"
            WHERE NOT (
                "O_ORDERKEY" IS NULL
                AND "O_CUSTKEY" IS NULL
                AND ("O_ORDERSTATUS" IS NULL OR TRIM("O_ORDERSTATUS", ' \t\n\r\u000B\f') = '')
                AND "O_TOTALPRICE" IS NULL
                AND "O_ORDERDATE" IS NULL
                AND ("O_ORDERPRIORITY" IS NULL OR TRIM("O_ORDERPRIORITY", ' \t\n\r\u000B\f') = '')
                AND ("O_CLERK" IS NULL OR TRIM("O_CLERK", ' \t\n\r\u000B\f') = '')
                AND "O_SHIPPRIORITY" IS NULL
                AND "CREATED_AT" IS NULL
            )
            GROUP BY
                "O_ORDERSTATUS",
                CAST(DATE_TRUNC('MONTH', "O_ORDERDATE") AS DATE),
                "O_ORDERPRIORITY",
                "O_CLERK",
                "CREATED_AT"
            ORDER BY
                3 ASC NULLS LAST,
                5 ASC NULLS LAST,
                6 ASC NULLS LAST,
                7 ASC NULLS LAST,
                9 ASC NULLS LAST
            """,
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
        ["Events_EpochSeconds"] = """
            SELECT
                CAST(DATE_TRUNC('MONTH', TO_TIMESTAMP_NTZ("TS_SECONDS", 0)) AS DATE) AS "TS_SECONDS",
                "ACTIVE" AS "ACTIVE",
                "PAYLOAD" AS "PAYLOAD",
                "TAGS" AS "TAGS",
                "ATTRS" AS "ATTRS",
                "DIGEST" AS "DIGEST",
                "AT_TIME" AS "AT_TIME",
                "LOCAL_TS" AS "LOCAL_TS",
                CAST(SUM("AMOUNT") AS NUMBER(38, 4)) AS "AMOUNT",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."EVENTS"
            WHERE NOT (
                "TS_SECONDS" IS NULL
                AND "ACTIVE" IS NULL
                AND "PAYLOAD" IS NULL
                AND "TAGS" IS NULL
                AND "ATTRS" IS NULL
                AND "DIGEST" IS NULL
                AND "AT_TIME" IS NULL
                AND "LOCAL_TS" IS NULL
                AND "AMOUNT" IS NULL
            )
            GROUP BY
                CAST(DATE_TRUNC('MONTH', TO_TIMESTAMP_NTZ("TS_SECONDS", 0)) AS DATE),
                "ACTIVE",
                "PAYLOAD",
                "TAGS",
                "ATTRS",
                "DIGEST",
                "AT_TIME",
                "LOCAL_TS"
            ORDER BY
                1 ASC NULLS LAST,
                2 ASC NULLS LAST,
                3 ASC NULLS LAST,
                4 ASC NULLS LAST,
                5 ASC NULLS LAST,
                6 ASC NULLS LAST,
                7 ASC NULLS LAST,
                8 ASC NULLS LAST
            """,
        ["Events_EpochMillisecondsAndFloat"] = """
            SELECT
                CAST(DATE_TRUNC('MONTH', TO_TIMESTAMP_NTZ("TS_MILLIS", 3)) AS DATE) AS "TS_MILLIS",
                CAST(DATE_TRUNC('MONTH', TO_TIMESTAMP_NTZ(CAST(FLOOR("TS_FLOAT") AS NUMBER(38, 0)), 3)) AS DATE) AS "TS_FLOAT",
                "ACTIVE" AS "ACTIVE",
                "PAYLOAD" AS "PAYLOAD",
                "TAGS" AS "TAGS",
                "ATTRS" AS "ATTRS",
                "DIGEST" AS "DIGEST",
                "AT_TIME" AS "AT_TIME",
                "LOCAL_TS" AS "LOCAL_TS",
                CAST(SUM("AMOUNT") AS NUMBER(38, 4)) AS "AMOUNT",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "SNOWFERRY"."PUBLIC"."EVENTS"
            WHERE NOT (
                "TS_MILLIS" IS NULL
                AND "TS_FLOAT" IS NULL
                AND "ACTIVE" IS NULL
                AND "PAYLOAD" IS NULL
                AND "TAGS" IS NULL
                AND "ATTRS" IS NULL
                AND "DIGEST" IS NULL
                AND "AT_TIME" IS NULL
                AND "LOCAL_TS" IS NULL
                AND "AMOUNT" IS NULL
            )
            GROUP BY
                CAST(DATE_TRUNC('MONTH', TO_TIMESTAMP_NTZ("TS_MILLIS", 3)) AS DATE),
                CAST(DATE_TRUNC('MONTH', TO_TIMESTAMP_NTZ(CAST(FLOOR("TS_FLOAT") AS NUMBER(38, 0)), 3)) AS DATE),
                "ACTIVE",
                "PAYLOAD",
                "TAGS",
                "ATTRS",
                "DIGEST",
                "AT_TIME",
                "LOCAL_TS"
            ORDER BY
                1 ASC NULLS LAST,
                2 ASC NULLS LAST,
                3 ASC NULLS LAST,
                4 ASC NULLS LAST,
                5 ASC NULLS LAST,
                6 ASC NULLS LAST,
                7 ASC NULLS LAST,
                8 ASC NULLS LAST,
                9 ASC NULLS LAST
            """,
        ["Quoted_Names"] = """
            SELECT
                "id""x" AS "id""x",
                "Région Name" AS "Région Name",
                CAST(DATE_TRUNC('MONTH', "created at") AS DATE) AS "created at",
                SUM("a.b") AS "a.b",
                "x'); DROP TABLE T; --" AS "x'); DROP TABLE T; --",
                COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
            FROM "my db"."Sales.Data"."Q; DROP TABLE Y"
            WHERE NOT (
                "id""x" IS NULL
                AND ("Région Name" IS NULL OR TRIM("Région Name", ' \t\n\r\u000B\f') = '')
                AND "created at" IS NULL
                AND "a.b" IS NULL
                AND ("x'); DROP TABLE T; --" IS NULL OR TRIM("x'); DROP TABLE T; --", ' \t\n\r\u000B\f') = '')
            )
            GROUP BY
                "id""x",
                "Région Name",
                CAST(DATE_TRUNC('MONTH', "created at") AS DATE),
                "x'); DROP TABLE T; --"
            ORDER BY
                1 ASC NULLS LAST,
                2 ASC NULLS LAST,
                3 ASC NULLS LAST,
                5 ASC NULLS LAST
            """,
    };
}
