namespace Snowferry.Tests.Planning;

internal static partial class GoldenSql
{
    private static readonly Dictionary<string, string> s_orders = new()
    {
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
                AND ("O_COMMENT" IS NULL OR TRIM("O_COMMENT", ' \t\n\r\u000B\f') = '')
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
    };
}
