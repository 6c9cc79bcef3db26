using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>The response shapes and encodings of SQL_API.md (§5, §7 and its closing example), byte for byte where it fixes them.</summary>
public sealed class ProtocolGoldenTests
{
    private const string ExampleSql = "SELECT REGION, SUM(AMOUNT) AS TOTAL FROM SALES WHERE TS >= ? GROUP BY 1";

    [Fact]
    public async Task Submit_DocumentedExampleRequest_AnswersTheDocumentedResultSet()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1704067200000));
        await using var sut = await ServerHarness.StartAsync(new LocalSnowflakeServerOptions { TimeProvider = clock, PartitionRowCount = 10 });
        sut.Statements.Add(
            ExampleSql,
            [
                new EngineColumn { Name = "REGION", Database = "DB", Schema = "PUBLIC", Table = "SALES", Type = "text", Length = 16777216, ByteLength = 16777216 },
                new EngineColumn { Name = "TOTAL", Type = "fixed", Scale = 2, Precision = 38 },
            ],
            ["EU", "1234.50"],
            [null, null]);
        const string RequestId = "6f1c2b9e-1d2a-4c3b-9a8e-0c1d2e3f4a5b";

        var answer = await sut.PostStatementAsync(
            ExampleSql,
            "?requestId=" + RequestId,
            "\"timeout\":60,\"database\":\"DB\",\"schema\":\"PUBLIC\",\"warehouse\":\"WH\",\"role\":\"R\"," +
            "\"bindings\":{\"1\":{\"type\":\"TEXT\",\"value\":\"2024-01-01\"}},\"parameters\":{\"QUERY_TAG\":\"snowferry\"}");

        Assert.Equal(200, (int)answer.Status);
        Assert.Equal("application/json", answer.ContentHeaders.ContentType?.MediaType);
        var handle = answer.Handle;
        Assert.True(Guid.TryParse(handle, out _), $"handle {handle} is not UUID-shaped");
        var expected = JsonNode.Parse($$"""
            {"resultSetMetaData":{"numRows":2,"format":"jsonv2","partitionInfo":[{"rowCount":2,"uncompressedSize":30}],
            "rowType":[{"name":"REGION","database":"DB","schema":"PUBLIC","table":"SALES","type":"text","scale":null,
            "precision":null,"length":16777216,"byteLength":16777216,"nullable":true,"collation":null},{"name":"TOTAL",
            "database":"","schema":"","table":"","type":"fixed","scale":2,"precision":38,"length":null,"byteLength":null,
            "nullable":true,"collation":null}]},"data":[["EU","1234.50"],[null,null]],"code":"090001","sqlState":"00000",
            "message":"Statement executed successfully.","statementHandle":"{{handle}}",
            "statementStatusUrl":"/api/v2/statements/{{handle}}?requestId={{RequestId}}&partition=0",
            "createdOn":1704067200000}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(answer.Bytes)), answer.Text);
        Assert.Equal(
            $"</api/v2/statements/{handle}?requestId={RequestId}&partition=0>;rel=\"first\"," +
            $"</api/v2/statements/{handle}?requestId={RequestId}&partition=0>;rel=\"last\"",
            answer.Link);
        var (statement, context, _) = Assert.Single(sut.Statements.Executed);
        Assert.Equal(ExampleSql, statement);
        Assert.Equal(("DB", "PUBLIC"), (context.Database, context.Schema));
        Assert.Equal([new EngineBinding("TEXT", "2024-01-01")], context.Bindings!);
    }

    [Fact]
    public async Task GetPartition_LaterPartition_IsGzipWithDataOnlyAndLinks()
    {
        await using var sut = await ServerHarness.StartAsync(new LocalSnowflakeServerOptions { PartitionRowCount = 3 });
        sut.Statements.AddRows("SELECT ROWS", 8);

        var first = await sut.PostStatementAsync("SELECT ROWS");
        var handle = first.Handle;
        var partitions = first.Json.GetProperty("resultSetMetaData").GetProperty("partitionInfo");
        Assert.Equal([3, 3, 2], partitions.EnumerateArray().Select(p => p.GetProperty("rowCount").GetInt32()));
        Assert.False(partitions[0].TryGetProperty("compressedSize", out _));
        Assert.Equal(8, first.Json.GetProperty("resultSetMetaData").GetProperty("numRows").GetInt32());
        Assert.Equal(3, first.Json.GetProperty("data").GetArrayLength());

        var second = await sut.GetAsync($"/api/v2/statements/{handle}?partition=1");

        Assert.Equal(200, (int)second.Status);
        Assert.Equal(["gzip"], second.ContentHeaders.ContentEncoding);
        Assert.Equal(partitions[1].GetProperty("compressedSize").GetInt64(), second.Bytes.Length);
        var json = Gunzip(second.Bytes);
        Assert.Equal(partitions[1].GetProperty("uncompressedSize").GetInt64(), json.Length);
        var body = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(["data"], body.Select(p => p.Key));
        Assert.Equal("""[["4","row 4"],["5","row 5"],["6","row 6"]]""", body["data"]!.ToJsonString());
        Assert.Equal(
            $"</api/v2/statements/{handle}?partition=0>;rel=\"first\",</api/v2/statements/{handle}?partition=2>;rel=\"next\"," +
            $"</api/v2/statements/{handle}?partition=0>;rel=\"prev\",</api/v2/statements/{handle}?partition=2>;rel=\"last\"",
            second.Link);
        var last = JsonNode.Parse(Gunzip((await sut.GetAsync($"/api/v2/statements/{handle}?partition=2")).Bytes))!;
        Assert.Equal("""[["7",null],["8","row 8"]]""", last["data"]!.ToJsonString());
    }

    [Fact]
    public async Task GetPartition_Zero_ReturnsTheWholeResultSetAgain()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 5);
        var posted = await sut.PostStatementAsync("SELECT ROWS", "?requestId=abc");

        var again = await sut.GetAsync(posted.StatusUrl);

        Assert.Equal(200, (int)again.Status);
        Assert.Equal(posted.Text, again.Text);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("x")]
    public async Task GetPartition_OutOfRange_Is422NotFound(string partition)
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 5);
        var handle = (await sut.PostStatementAsync("SELECT ROWS")).Handle;

        var answer = await sut.GetAsync($"/api/v2/statements/{handle}?partition={partition}");

        Assert.Equal(422, (int)answer.Status);
        Assert.Equal("000709", answer.Code);
        Assert.Equal("02000", answer.Json.GetProperty("sqlState").GetString());
    }

    [Fact]
    public async Task Get_UnknownHandle_Is422With000709()
    {
        await using var sut = await ServerHarness.StartAsync();
        var handle = Guid.NewGuid().ToString();

        var answer = await sut.GetAsync($"/api/v2/statements/{handle}");
        var cancel = await sut.SendAsync(sut.Request(HttpMethod.Post, $"/api/v2/statements/{handle}/cancel"));

        foreach (var a in new[] { answer, cancel })
        {
            Assert.Equal(422, (int)a.Status);
            Assert.Equal("000709", a.Code);
            Assert.Equal("02000", a.Json.GetProperty("sqlState").GetString());
            Assert.Equal(handle, a.Handle);
        }
    }

    [Fact]
    public async Task Submit_EngineRefusesStatement_Is422QueryFailureStatusAndStaysSo()
    {
        await using var sut = await ServerHarness.StartAsync();

        var answer = await sut.PostStatementAsync("SELEC 1", "?requestId=r1");

        Assert.Equal(422, (int)answer.Status);
        Assert.Equal(
            ["code", "message", "sqlState", "statementHandle", "createdOn", "statementStatusUrl"],
            answer.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("001003", answer.Code);
        Assert.Equal("42000", answer.Json.GetProperty("sqlState").GetString());
        Assert.StartsWith($"/api/v2/statements/{answer.Handle}?requestId=r1", answer.StatusUrl, StringComparison.Ordinal);
        var again = await sut.GetAsync(answer.StatusUrl);
        Assert.Equal(422, (int)again.Status);
        Assert.Equal(answer.Text, again.Text);
    }

    [Fact]
    public async Task Submit_DmlStatement_CarriesStats()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.Add("INSERT INTO T VALUES (1), (2)", (_, _) => new EngineResult(
            [new EngineColumn { Name = "number of rows inserted", Type = "fixed", Precision = 19, Scale = 0, Nullable = false }],
            [["2"]])
        { RowsInserted = 2 });

        var answer = await sut.PostStatementAsync("INSERT INTO T VALUES (1), (2)");

        Assert.Equal(200, (int)answer.Status);
        Assert.Equal(
            """{"numRowsInserted":2,"numRowsUpdated":0,"numRowsDeleted":0,"numDuplicateRowsUpdated":0}""",
            answer.Json.GetProperty("stats").GetRawText());
        Assert.Equal("""[["2"]]""", answer.Json.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Submit_QueryWithoutDml_HasNoStats()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT ROWS", 1);

        var answer = await sut.PostStatementAsync("SELECT ROWS");

        Assert.False(answer.Json.TryGetProperty("stats", out _));
        Assert.False(answer.Json.TryGetProperty("statementHandles", out _));
    }

    [Fact]
    public async Task Submit_EmptyResult_HasOneEmptyPartition()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.AddRows("SELECT NOTHING", 0);

        var answer = await sut.PostStatementAsync("SELECT NOTHING");

        Assert.Equal(0, answer.Json.GetProperty("resultSetMetaData").GetProperty("numRows").GetInt32());
        Assert.Equal("""[{"rowCount":0,"uncompressedSize":2}]""", answer.Json.GetProperty("resultSetMetaData").GetProperty("partitionInfo").GetRawText());
        Assert.Equal("[]", answer.Json.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Submit_NullableFalse_SendsNullAsTheStringNull()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.Add("SELECT N", [CannedStatements.Name], [null], ["x"]);

        var answer = await sut.PostStatementAsync("SELECT N", "?nullable=false");

        Assert.Equal("""[["null"],["x"]]""", answer.Json.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Submit_UnicodeText_IsPlainUtf8OnTheWire()
    {
        await using var sut = await ServerHarness.StartAsync();
        sut.Statements.Add("SELECT U", [CannedStatements.Name], ["ünïcödé ✓ 中文 \"q\" \\ \t"]);

        var answer = await sut.PostStatementAsync("SELECT U");

        Assert.Contains("ünïcödé ✓ 中文", answer.Text, StringComparison.Ordinal);
        Assert.Equal("ünïcödé ✓ 中文 \"q\" \\ \t", answer.Json.GetProperty("data")[0][0].GetString());
    }

    internal static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    internal static JsonElement Parse(byte[] json) => JsonDocument.Parse(json).RootElement.Clone();
}
