using Snowferry.Service.Allowlists;
using Snowferry.Service.Configuration;

namespace Snowferry.Service.Tests.Allowlists;

public sealed class AllowlistTests
{
    private static Allowlist Create(List<string> tables, List<string>? destinations = null, string? database = "SNOWFERRY", string? schema = "PUBLIC") =>
        Allowlist.Create("reporting", new ServiceClientOptions { AllowedTables = tables, AllowedDestinations = destinations ?? [] }, database, schema);

    [Theory]
    [InlineData("orders_100k", true)]
    [InlineData("public.orders_1m", true)]
    [InlineData("snowferry.public.orders_1m", true)]
    [InlineData("\"orders_100k\"", false)]
    [InlineData("customers", false)]
    [InlineData("sales.orders_100k", false)]
    [InlineData("sales.q1", true)]
    [InlineData("sales.\"q1\"", false)]
    [InlineData("other.sales.q1", false)]
    public void CheckTable_RequestedName_AllowedOnlyWhenAPatternMatches(string requested, bool allowed)
    {
        var allowlist = Create(["orders_*", "SALES.Q1"]);
        var table = allowlist.ResolveTable(requested);

        var decision = allowlist.CheckTable(table);

        Assert.Equal(allowed, decision.IsAllowed);
        Assert.Equal(allowed, allowlist.IsTableAllowed(table));
    }

    [Fact]
    public void CheckTable_Refused_NamesTheTableAndTheCompletedPatterns()
    {
        var allowlist = Create(["orders_*", "\"Sales\".Q1"]);

        var decision = allowlist.CheckTable(allowlist.ResolveTable("customers"));

        Assert.Equal(
            "The table SNOWFERRY.PUBLIC.CUSTOMERS is not in this client's allowed tables (SNOWFERRY.PUBLIC.ORDERS_*, SNOWFERRY.\"Sales\".Q1): " +
            "ask for one of them, or ask the service's operator to allow it.",
            decision.Reason);
    }

    [Fact]
    public void CheckTable_NoAllowedTables_RefusesEveryTable()
    {
        var allowlist = Create([]);

        var decision = allowlist.CheckTable(allowlist.ResolveTable("orders_100k"));

        Assert.False(decision.IsAllowed);
        Assert.Contains("this client has no allowed tables (AllowedTables is empty)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveTable_ShortName_CompletedWithTheConnectionsDefaults()
    {
        var allowlist = Create([], database: "Snow Db", schema: "pub");

        Assert.Equal(new QualifiedTable("Snow Db", "pub", "ORDERS"), allowlist.ResolveTable("orders"));
        Assert.Equal("\"Snow Db\".\"pub\".\"ORDERS\"", allowlist.ResolveTable("orders").ToSql());
    }

    [Fact]
    public void Texts_AsConfigured_ForGetMe()
    {
        var allowlist = Create(["orders_*", " sales.\"Q1\" "], ["s3://bucket/acme", "s3://bucket/shared/reports/"]);

        Assert.Equal(["orders_*", " sales.\"Q1\" "], allowlist.TableTexts);
        Assert.Equal(["s3://bucket/acme", "s3://bucket/shared/reports/"], allowlist.DestinationTexts);
    }

    [Theory]
    [InlineData("orders_*", null, "PUBLIC", "Client 'reporting', AllowedTables: The table pattern 'orders_*' names no database")]
    [InlineData("public.orders_*", null, null, "Client 'reporting', AllowedTables: The table pattern 'public.orders_*' names no database")]
    [InlineData("orders_*", "SNOWFERRY", null, "Client 'reporting', AllowedTables: The table pattern 'orders_*' names no schema")]
    [InlineData("orders-*", "SNOWFERRY", "PUBLIC", "Client 'reporting', AllowedTables: The table pattern 'orders-*' is malformed")]
    [InlineData("", "SNOWFERRY", "PUBLIC", "Client 'reporting', AllowedTables: The table pattern '' is malformed: it is empty")]
    public void Create_TablePatternThatCannotBeRead_ThrowsNamingClientAndPattern(string pattern, string? database, string? schema, string message)
    {
        var error = Assert.Throws<AllowlistException>(() => Create(["d.s.t", pattern], database: database, schema: schema));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FullyQualifiedPatternsWithoutDefaults_Starts()
    {
        var allowlist = Create(["d.s.*"], database: null, schema: null);

        Assert.True(allowlist.IsTableAllowed(allowlist.ResolveTable("d.s.t")));
        Assert.Throws<AllowlistException>(() => allowlist.ResolveTable("t"));
    }

    [Fact]
    public void Create_DestinationPatternThatCannotBeRead_ThrowsNamingClientAndPattern()
    {
        var error = Assert.Throws<AllowlistException>(() => Create([], ["s3://bucket/acme/", "s3://bucket/../x/"]));

        Assert.StartsWith("Client 'reporting', AllowedDestinations: The destination pattern 's3://bucket/../x/' is malformed", error.Message, StringComparison.Ordinal);
    }
}
