using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>
/// Result shapes beyond one plain result set, through the client and the local Snowflake over HTTP: multi-statement
/// requests, incomplete results (391908), column types the client does not know, and how values are bound. The result
/// cache stays on: the incomplete switch applies to a cached answer too, and redeclared column types keep a statement
/// out of the cache.
/// </summary>
public sealed class SnowflakeClientResultShapeTests(LocalSnowflakeClientFixture fixture) : IClassFixture<LocalSnowflakeClientFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResultAsync_ChildrenOfTwoStatementRequest_ReadEachOnesRows()
    {
        using var handle = fixture.CreateClient();

        var parent = await handle.Client.ExecuteAsync(
            "SELECT 'first' AS A; SELECT O_ORDERKEY FROM ORDERS_100K WHERE O_ORDERKEY <= 2500 ORDER BY O_ORDERKEY",
            new SnowflakeStatementOptions { MultiStatementCount = 2 },
            Ct);

        Assert.Equal(2, parent.StatementHandles?.Count);
        Assert.Equal("Multiple statements executed successfully.", Assert.Single(await ReadAllAsync(parent))[0]);
        var first = await handle.Client.GetResultAsync(parent.StatementHandles![0], Ct);
        Assert.Equal((parent.StatementHandles[0], "A"), (first.StatementHandle, first.Columns[0].Name));
        Assert.Equal("first", Assert.Single(await ReadAllAsync(first))[0]);
        var second = await handle.Client.GetResultAsync(parent.StatementHandles[1], Ct);
        var keys = (await ReadAllAsync(second)).Select(r => (SnowflakeDecimal)r[0]!).ToList();
        Assert.True(second.Partitions.Count > 1, "the second child's result should span partitions");
        Assert.Equal(Enumerable.Range(1, 2500).Select(k => (SnowflakeDecimal)k), keys);
    }

    [Fact]
    public async Task GetResultAsync_UnknownHandle_Throws000709()
    {
        using var handle = fixture.CreateClient();

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.GetResultAsync(Guid.NewGuid().ToString(), Ct));

        Assert.Equal((422, "000709"), (error.HttpStatus, error.Code));
    }

    [Fact]
    public async Task ExecuteAsync_ResultAnsweredWith391908_IsRefusedAsIncomplete()
    {
        using var handle = fixture.CreateClient();
        fixture.Snowflake.Host.Server.Faults.AnswerNextResultsAsIncomplete(1);

        var error = await Assert.ThrowsAsync<SnowflakeException>(
            () => handle.Client.ExecuteAsync("SELECT O_ORDERKEY FROM ORDERS_100K WHERE O_ORDERKEY <= 10", cancellationToken: Ct));

        Assert.Equal(("391908", 200), (error.Code, error.HttpStatus));
        Assert.Contains("does not hold the whole result set", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run the statement again", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.StatementHandle));
    }

    [Fact]
    public async Task ExecuteAsync_ColumnTypesTheClientDoesNotKnow_AreReadAsExactTextAndTimestampAsNtz()
    {
        using var handle = fixture.CreateClient();
        var faults = fixture.Snowflake.Host.Server.Faults;
        faults.DeclaredColumnTypes = new Dictionary<string, string>
        {
            ["TS"] = "timestamp",
            ["F"] = "file",
            ["YM"] = "interval_year_month",
            ["DT"] = "interval_day_time",
            ["LATER"] = "some_type_added_later",
        };
        SnowflakeResult result;
        try
        {
            result = await handle.Client.ExecuteAsync(
                """
                SELECT CAST('2024-01-02 03:04:05.5' AS TIMESTAMP_NTZ) AS TS, '{"RELATIVE_PATH":"a.csv"}' AS F,
                       '+1-02' AS YM, '1 02:03:04.000000000' AS DT, ' kept  as is ' AS LATER
                """,
                cancellationToken: Ct);
        }
        finally
        {
            faults.DeclaredColumnTypes = null;
        }

        var row = Assert.Single(await ReadAllAsync(result));
        Assert.Equal(
            [SnowflakeType.TimestampNtz, SnowflakeType.Text, SnowflakeType.Text, SnowflakeType.Text, SnowflakeType.Text],
            result.Columns.Select(c => c.Type));
        Assert.Equal(
            ["timestamp", "file", "interval_year_month", "interval_day_time", "some_type_added_later"],
            result.Columns.Select(c => c.WireType));
        Assert.Equal([false, true, true, true, true], result.Columns.Select(c => c.IsUnknownType));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 500), ((SnowflakeTimestamp)row[0]!).ToDateTime());
        Assert.Equal(new object?[] { "{\"RELATIVE_PATH\":\"a.csv\"}", "+1-02", "1 02:03:04.000000000", " kept  as is " }, row[1..]);
    }

    [Fact]
    public async Task ExecuteAsync_FractionalDecimalBinding_IsSentAsTextAndKeepsItsValue()
    {
        using var handle = fixture.CreateClient();

        var result = await handle.Client.ExecuteAsync(
            "SELECT CAST(? AS NUMBER(12,2)), CAST(? AS NUMBER(38,3)), ?",
            new SnowflakeStatementOptions
            {
                Bindings = [SnowflakeBinding.Fixed(12.5m), SnowflakeBinding.Fixed(SnowflakeDecimal.Parse("-0.125")), SnowflakeBinding.Fixed(42m)],
            },
            Ct);

        var row = Assert.Single(await ReadAllAsync(result));
        Assert.Equal(new object?[] { SnowflakeDecimal.Parse("12.50"), SnowflakeDecimal.Parse("-0.125"), SnowflakeDecimal.Parse("42") }, row);
    }

    [Fact]
    public async Task ExecuteAsync_FixedBindingWithFraction_IsRefusedWith100037()
    {
        using var handle = fixture.CreateClient();

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => handle.Client.ExecuteAsync(
            "SELECT ?", new SnowflakeStatementOptions { Bindings = [new SnowflakeBinding("FIXED", "12.5")] }, Ct));

        Assert.Equal((422, "100037", "22018"), (error.HttpStatus, error.Code, error.SqlState));
    }

    [Fact]
    public async Task ExecuteAsync_TimestampTzBinding_KeepsInstantAndOffset()
    {
        using var handle = fixture.CreateClient();
        // Whole microseconds: the local Snowflake's engine keeps no finer fraction.
        var value = new DateTimeOffset(2024, 3, 10, 23, 30, 15, 123, TimeSpan.FromMinutes(-330)).AddTicks(4560);

        var result = await handle.Client.ExecuteAsync(
            "SELECT CAST(? AS TIMESTAMP_TZ)", new SnowflakeStatementOptions { Bindings = [SnowflakeBinding.TimestampTz(value)] }, Ct);

        var read = ((SnowflakeTimestamp)Assert.Single(await ReadAllAsync(result))[0]!).ToDateTimeOffset();
        Assert.Equal((value, value.Offset), (read, read.Offset));
    }

    private static Task<List<object?[]>> ReadAllAsync(SnowflakeResult result) => SnowflakeResultRows.ReadAllAsync(result, Ct);
}
