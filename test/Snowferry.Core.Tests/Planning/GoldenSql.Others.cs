namespace Snowferry.Tests.Planning;

internal static partial class GoldenSql
{
    private static readonly Dictionary<string, string> s_others = new()
    {
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
                AND "TS_MILLIS" IS NULL
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
                "TS_SECONDS" IS NULL
                AND "TS_MILLIS" IS NULL
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
