namespace Snowferry.Tests.Planning;

internal static partial class GoldenSql
{
    private static readonly Dictionary<string, string> s_locations = new()
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
                AND ("NAME" IS NULL OR TRIM("NAME", ' \t\n\r\u000B\f') = '')
                AND ("REGION" IS NULL OR TRIM("REGION", ' \t\n\r\u000B\f') = '')
                AND ("COUNTRY" IS NULL OR TRIM("COUNTRY", ' \t\n\r\u000B\f') = '')
                AND "DOB" IS NULL
                AND "AREA_KM2" IS NULL
                AND "POPULATION" IS NULL
                AND "ELEVATION_M" IS NULL
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
    };
}
