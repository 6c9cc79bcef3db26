using Snowferry.LocalSnowflake.Samples;

namespace Snowferry.LocalSnowflake.Tests.Engine;

/// <summary>The statement shape snowferry's transfer sends: blank-row filter, month keys in UTC, exact sums, ordered keys.</summary>
public sealed class LocalEngineTransferQueryTests : EngineTestBase
{
    private const string TransferQuery = """
        SELECT CAST(DATE_TRUNC('MONTH', "O_ORDERDATE") AS DATE) AS "O_ORDERDATE", CAST(DATE_TRUNC('MONTH', CONVERT_TIMEZONE('UTC', "CREATED_AT")) AS DATE) AS "CREATED_AT", "O_ORDERSTATUS", SUM("O_TOTALPRICE") AS "O_TOTALPRICE", COUNT(*) AS "_SNOWFERRY_SOURCE_ROWS"
        FROM "SNOWFERRY"."PUBLIC"."ORDERS_100K"
        WHERE NOT (("O_ORDERKEY" IS NULL) AND ("O_ORDERSTATUS" IS NULL OR TRIM("O_ORDERSTATUS", ' \t\n\r\u000B\f') = ''))
        GROUP BY 1, 2, 3 ORDER BY 1 ASC NULLS LAST, 2 ASC NULLS LAST, 3 ASC NULLS LAST
        """;

    public LocalEngineTransferQueryTests()
    {
        SampleTables.Create(Engine, 0.0001, Ct);
    }

    [Fact]
    public void Execute_TransferAggregation_GroupsByUtcMonthAndSumsExactly()
    {
        var (columns, rows) = Run(TransferQuery);

        Assert.Equal(["O_ORDERDATE", "CREATED_AT", "O_ORDERSTATUS", "O_TOTALPRICE", "_SNOWFERRY_SOURCE_ROWS"], columns.Select(c => c.Name));
        Assert.Equal(["date", "date", "text", "fixed", "fixed"], columns.Select(c => c.Type));
        Assert.Equal((38, 2), (columns[3].Precision, columns[3].Scale));
        Assert.Equal(100_000, rows.Sum(r => long.Parse(r[4]!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Scalar("SELECT SUM(O_TOTALPRICE) FROM ORDERS_100K"), rows.Select(r => decimal.Parse(r[3]!, System.Globalization.CultureInfo.InvariantCulture)).Sum().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(rows, r => Assert.Matches(@"^-?\d+\.\d\d$", r[3]));
        var keys = rows.Select(r => (int.Parse(r[0]!, System.Globalization.CultureInfo.InvariantCulture), int.Parse(r[1]!, System.Globalization.CultureInfo.InvariantCulture), r[2])).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2).ThenBy(k => k.Item3, StringComparer.Ordinal), keys);
        Assert.Contains(rows, r => r[0] != r[1]);
    }

    [Fact]
    public void Execute_EpochColumnAsMonth_Works()
    {
        Rows("CREATE TABLE E (EPOCHCOL NUMBER(38,0), V NUMBER(10,1))");
        Rows("INSERT INTO E VALUES (1580515199, 1.5), (1580515200, 2.5), (NULL, 1.0)");

        var rows = Rows("SELECT CAST(DATE_TRUNC('MONTH', TO_TIMESTAMP_NTZ(\"EPOCHCOL\")) AS DATE) AS M, SUM(\"V\") FROM \"E\" GROUP BY 1 ORDER BY 1 ASC NULLS LAST");

        Assert.Equal([["18262", "1.5"], ["18293", "2.5"], [null, "1.0"]], rows);
    }
}
