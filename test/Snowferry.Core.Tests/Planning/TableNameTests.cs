using Snowferry.Planning;
using Snowferry.Planning.Sql;

namespace Snowferry.Tests.Planning;

public sealed class TableNameTests
{
    [Theory]
    [InlineData("orders_100k", null, null, "ORDERS_100K")]
    [InlineData("public.Orders_100K", null, "PUBLIC", "ORDERS_100K")]
    [InlineData("snowferry.public.orders_100k", "SNOWFERRY", "PUBLIC", "ORDERS_100K")]
    [InlineData("  SNOWFERRY.PUBLIC.T  ", "SNOWFERRY", "PUBLIC", "T")]
    [InlineData("\"Mixed Case\"", null, null, "Mixed Case")]
    [InlineData("\"a\"\"b\"", null, null, "a\"b")]
    [InlineData("\"my db\".\"Sales.Data\".\"X; DROP TABLE Y\"", "my db", "Sales.Data", "X; DROP TABLE Y")]
    [InlineData("\"lower\".t", null, "lower", "T")]
    [InlineData("_x$1", null, null, "_X$1")]
    [InlineData("\"Région ünïcode 中文 😀\"", null, null, "Région ünïcode 中文 😀")]
    public void Parse_ValidName_ExactIdentifiers(string text, string? database, string? schema, string table)
    {
        var name = TableName.Parse(text);

        Assert.Equal(database, name.Database?.Name);
        Assert.Equal(schema, name.Schema?.Name);
        Assert.Equal(table, name.Name.Name);
    }

    [Theory]
    [InlineData("X; DROP TABLE Y", "unexpected ';' at position 2")]
    [InlineData("X DROP TABLE Y", "unexpected a space at position 2")]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData(".T", "an empty name part at position 1")]
    [InlineData("S.", "an empty name part at position 3")]
    [InlineData("S..T", "an empty name part at position 3")]
    [InlineData("\"unclosed", "the double quote at position 1 is never closed")]
    [InlineData("\"a\"\"", "the double quote at position 1 is never closed")]
    [InlineData("\"\"", "the name is empty")]
    [InlineData("A.B.C.D", "it has 4 dot-separated parts, at most 3 allowed")]
    [InlineData("1ABC", "an unquoted name cannot start with '1' (position 1)")]
    [InlineData("régions", "unexpected 'é' at position 2")]
    [InlineData("\"a\"b", "unexpected 'b' at position 4")]
    [InlineData("my table", "unexpected a space at position 3")]
    [InlineData("T--", "unexpected '-' at position 2")]
    [InlineData("\"tab\there\"", "it holds the control character U+0009")]
    public void Parse_InvalidName_ClearErrorSayingHowToWriteIt(string text, string problem)
    {
        var error = Assert.Throws<InvalidIdentifierException>(() => TableName.Parse(text));

        Assert.Equal(PlanErrorCode.InvalidIdentifier, error.Code);
        Assert.Equal(text, error.Input);
        Assert.Contains($"is not a valid table name: {problem}.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Write TABLE, SCHEMA.TABLE or DATABASE.SCHEMA.TABLE.", error.Message, StringComparison.Ordinal);
        Assert.Contains("put any other name in double quotes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NameOf256Characters_Refused()
    {
        var error = Assert.Throws<InvalidIdentifierException>(() => TableName.Parse(new string('A', 256)));

        Assert.Contains("it is 256 characters long; Snowflake allows at most 255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NameOf255AstralCharacters_Accepted()
    {
        var name = string.Concat(Enumerable.Repeat("😀", 255));

        Assert.Equal(name, TableName.Parse($"\"{name}\"").Name.Name);
    }

    [Theory]
    [InlineData("T", "SNOWFERRY.PUBLIC.T")]
    [InlineData("S.T", "SNOWFERRY.S.T")]
    [InlineData("D.S.T", "D.S.T")]
    public void Resolve_MissingParts_TakenFromConnectionDefaults(string text, string expected) =>
        Assert.Equal(expected, TableName.Parse(text).Resolve("snowferry", "public").ToString());

    [Fact]
    public void Resolve_QuotedDefault_KeptExactly() =>
        Assert.Equal("\"my db\".\"Public\".T", TableName.Parse("T").Resolve("\"my db\"", "\"Public\"").ToString());

    [Theory]
    [InlineData(null, "PUBLIC", "database")]
    [InlineData("DB", null, "schema")]
    [InlineData("DB", " ", "schema")]
    public void Resolve_NoDefault_SaysToQualifyOrConfigure(string? database, string? schema, string part)
    {
        var error = Assert.Throws<PlanException>(() => TableName.Parse("T").Resolve(database, schema));

        Assert.Equal(PlanErrorCode.MissingDefaultContext, error.Code);
        Assert.Contains($"names no {part} and the connection gives no default {part}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_InvalidDefault_PointsAtConnectionsToml()
    {
        var error = Assert.Throws<PlanException>(() => TableName.Parse("T").Resolve("my db", "PUBLIC"));

        Assert.Equal(PlanErrorCode.InvalidIdentifier, error.Code);
        Assert.EndsWith("Fix it in connections.toml.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSqlTable_AnyName_EveryPartQuoted() =>
        Assert.Equal(
            "\"my db\".\"PUBLIC\".\"a\"\"b\"",
            SqlRenderer.Render(TableName.Parse("\"my db\".public.\"a\"\"b\"").ToSqlTable()));

    [Fact]
    public void ToString_PlainUpperNamesBare_OthersQuoted() =>
        Assert.Equal("SNOWFERRY.PUBLIC.\"My Table\"", TableName.Parse("snowferry.public.\"My Table\"").ToString());

    [Fact]
    public void Constructor_DatabaseWithoutSchema_Misuse() =>
        Assert.Throws<ArgumentException>(() => new TableName(new SqlIdentifier("D"), null, new SqlIdentifier("T")));
}
