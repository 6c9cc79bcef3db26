using System.Net;
using System.Text.Json;
using Snowferry.Planning;
using Snowferry.Tests.Snowflake.Client;

namespace Snowferry.Tests.Planning;

public sealed class SourceColumnReaderTests
{
    private const string OrdersColumnsJson = """
        {"resultSetMetaData":{"numRows":3,"format":"jsonv2","partitionInfo":[{"rowCount":3,"uncompressedSize":100}],
         "rowType":[{"name":"COLUMN_NAME","type":"text","nullable":false},{"name":"DATA_TYPE","type":"text","nullable":false},
          {"name":"NUMERIC_PRECISION","type":"fixed","scale":0,"precision":9,"nullable":true},
          {"name":"NUMERIC_SCALE","type":"fixed","scale":0,"precision":9,"nullable":true},
          {"name":"ORDINAL_POSITION","type":"fixed","scale":0,"precision":9,"nullable":false}]},
         "data":[["O_ORDERKEY","NUMBER","38","0","1"],["O_TOTALPRICE","NUMBER","12","2","2"],["O_ORDERDATE","DATE",null,null,"3"]],
         "code":"090001","sqlState":"00000","message":"Statement executed successfully.","statementHandle":"h-cols","createdOn":1704067200000}
        """;

    private const string NoRowsJson = """
        {"resultSetMetaData":{"numRows":0,"format":"jsonv2","partitionInfo":[],
         "rowType":[{"name":"COLUMN_NAME","type":"text"},{"name":"DATA_TYPE","type":"text"},{"name":"NUMERIC_PRECISION","type":"fixed","scale":0,"precision":9},
          {"name":"NUMERIC_SCALE","type":"fixed","scale":0,"precision":9},{"name":"ORDINAL_POSITION","type":"fixed","scale":0,"precision":9}]},
         "data":[],"code":"090001","sqlState":"00000","message":"Statement executed successfully.","statementHandle":"h-none","createdOn":1704067200000}
        """;

    private static string SessionJson(string? database, string? schema) => $$"""
        {"resultSetMetaData":{"numRows":1,"format":"jsonv2","partitionInfo":[{"rowCount":1,"uncompressedSize":20}],
         "rowType":[{"name":"DATABASE","type":"text","nullable":true},{"name":"SCHEMA","type":"text","nullable":true}]},
         "data":[[{{Json(database)}},{{Json(schema)}}]],
         "code":"090001","sqlState":"00000","message":"Statement executed successfully.","statementHandle":"h-session","createdOn":1704067200000}
        """;

    private static string Json(string? value) => value is null ? "null" : JsonSerializer.Serialize(value);

    /// <summary>Answers the session query with <paramref name="session"/> and anything else with <paramref name="columns"/>.</summary>
    private static Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Answer(string session, string columns) =>
        (request, _) => Fake.JsonTask(HttpStatusCode.OK, request.Body!.Contains("CURRENT_DATABASE()", StringComparison.Ordinal) ? session : columns);

    private static string Statement(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body!);
        return body.RootElement.GetProperty("statement").GetString()!;
    }

    [Fact]
    public void Query_QualifiedTable_DatabaseQuotedNamesAsPlaceholders() =>
        Assert.Equal(
            """
            SELECT
                "COLUMN_NAME",
                "DATA_TYPE",
                "NUMERIC_PRECISION",
                "NUMERIC_SCALE",
                "ORDINAL_POSITION"
            FROM "my db"."INFORMATION_SCHEMA"."COLUMNS"
            WHERE (
                "TABLE_SCHEMA" = ?
                AND "TABLE_NAME" = ?
            )
            ORDER BY
                "ORDINAL_POSITION" ASC NULLS LAST
            """,
            Snowferry.Planning.Sql.SqlRenderer.Render(SourceColumnReader.Query(TableName.Parse("\"my db\".public.\"x'; DROP TABLE y\""))));

    [Fact]
    public void Query_UnqualifiedTable_Misuse() =>
        Assert.Throws<ArgumentException>(() => SourceColumnReader.Query(TableName.Parse("T")));

    [Fact]
    public async Task PlanAsync_UnqualifiedName_SessionNamespaceThenColumnsBoundAsText()
    {
        var (client, handler, _) = Fake.Create(Answer(SessionJson("my db", "PUBLIC"), OrdersColumnsJson));

        var plan = await TransferPlanner.PlanAsync(client, Fake.Settings, "orders_100k", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("\"my db\".PUBLIC.ORDERS_100K", plan.Table.ToString());
        Assert.Equal([ColumnRole.Sum, ColumnRole.Sum, ColumnRole.Month], plan.Columns.Select(c => c.Role));
        Assert.Equal(new SourceColumn("O_TOTALPRICE", "NUMBER", 12, 2, 2), plan.Columns[1].Source);
        var requests = handler.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("SELECT\n    CURRENT_DATABASE() AS \"DATABASE\",\n    CURRENT_SCHEMA() AS \"SCHEMA\"", Statement(requests[0]));
        var statement = Statement(requests[1]);
        Assert.Contains("FROM \"my db\".\"INFORMATION_SCHEMA\".\"COLUMNS\"", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("ORDERS_100K", statement, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(requests[1].Body!);
        var bindings = body.RootElement.GetProperty("bindings");
        Assert.Equal("PUBLIC", bindings.GetProperty("1").GetProperty("value").GetString());
        Assert.Equal("ORDERS_100K", bindings.GetProperty("2").GetProperty("value").GetString());
        Assert.Equal("TEXT", bindings.GetProperty("2").GetProperty("type").GetString());
    }

    [Fact]
    public async Task PlanAsync_FullyQualifiedName_NoSessionQuery()
    {
        var (client, handler, _) = Fake.Create(Answer("{}", OrdersColumnsJson));

        var plan = await TransferPlanner.PlanAsync(client, Fake.Settings, "snowferry.public.orders_100k", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("SNOWFERRY.PUBLIC.ORDERS_100K", plan.Table.ToString());
        Assert.DoesNotContain("CURRENT_DATABASE", Statement(Assert.Single(handler.Requests)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "PUBLIC", "ORDERS_100K", "database")]
    [InlineData("DB", null, "ORDERS_100K", "schema")]
    [InlineData(null, null, "PUBLIC.ORDERS_100K", "database")]
    public async Task PlanAsync_SessionWithoutNamespace_SaysToQualifyTheName(string? database, string? schema, string table, string part)
    {
        var (client, _, _) = Fake.Create(Answer(SessionJson(database, schema), OrdersColumnsJson));

        var error = await Assert.ThrowsAsync<PlanException>(
            () => TransferPlanner.PlanAsync(client, Fake.Settings, table, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(PlanErrorCode.MissingDefaultContext, error.Code);
        Assert.Contains($"names no {part}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_NoColumnsVisible_TableNotFoundNamingTheRole()
    {
        var (client, _, _) = Fake.Create(Answer(SessionJson("DB", "PUBLIC"), NoRowsJson));

        var error = await Assert.ThrowsAsync<PlanException>(
            () => TransferPlanner.PlanAsync(client, Fake.Settings, "\"Missing\"", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(PlanErrorCode.TableNotFound, error.Code);
        Assert.StartsWith("Table DB.PUBLIC.\"Missing\" does not exist or is not visible to role R.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_InjectionAttempt_RefusedBeforeAnyRequest()
    {
        var (client, handler, _) = Fake.Create(Answer(SessionJson("DB", "PUBLIC"), OrdersColumnsJson));

        await Assert.ThrowsAsync<InvalidIdentifierException>(
            () => TransferPlanner.PlanAsync(client, Fake.Settings, "X; DROP TABLE Y", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Empty(handler.Requests);
    }
}
