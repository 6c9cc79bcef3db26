using CsCheck;
using Snowferry.Service.Allowlists;

namespace Snowferry.Service.Tests.Allowlists;

public sealed class QualifiedTableTests
{
    private const string Db = "SNOWFERRY";
    private const string Schema = "PUBLIC";

    [Theory]
    [InlineData("orders_100k", Db, Schema, "ORDERS_100K")]
    [InlineData("  Orders_100K  ", Db, Schema, "ORDERS_100K")]
    [InlineData("\"orders_100k\"", Db, Schema, "orders_100k")]
    [InlineData("sales.orders", Db, "SALES", "ORDERS")]
    [InlineData("analytics.sales.orders", "ANALYTICS", "SALES", "ORDERS")]
    [InlineData("\"A.B\"", Db, Schema, "A.B")]
    [InlineData("\"a\".\"b\".\"c\"", "a", "b", "c")]
    [InlineData("\"x\"\"y\"", Db, Schema, "x\"y")]
    [InlineData("\"../evil\"", Db, Schema, "../evil")]
    [InlineData("\"a/b\"", Db, Schema, "a/b")]
    [InlineData("\"ORDERS_*\"", Db, Schema, "ORDERS_*")]
    [InlineData("_t$1", Db, Schema, "_T$1")]
    [InlineData("\" spaced \"", Db, Schema, " spaced ")]
    public void Parse_ValidName_FoldsUnquotedKeepsQuotedAndCompletes(string requested, string database, string schema, string name)
    {
        var table = QualifiedTable.Parse(requested, Db, Schema);

        Assert.Equal(new QualifiedTable(database, schema, name), table);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("a..b", "an empty part at position 3")]
    [InlineData(".a", "an empty part at position 1")]
    [InlineData("a.", "an empty part at position 3")]
    [InlineData("a.b.c.d", "4 dot-separated parts, at most 3")]
    [InlineData("1abc", "cannot start with '1'")]
    [InlineData("orders-2024", "unexpected '-'")]
    [InlineData("ORDERS_*", "a table name has no wildcards")]
    [InlineData("*", "cannot start with '*'")]
    [InlineData("\"open", "never closed")]
    [InlineData("\"a\"b", "'b' follows the closing quote at position 4; put the whole part in quotes")]
    [InlineData("a\"b\"", "a double quote at position 2 inside a part")]
    [InlineData("my table", "unexpected a space")]
    [InlineData("\"tab\there\"", "control character U+0009")]
    [InlineData("a;DROP TABLE x", "unexpected ';'")]
    public void Parse_MalformedName_ThrowsSayingWhatIsWrongAndHowToWriteIt(string requested, string problem)
    {
        var error = Assert.Throws<AllowlistException>(() => QualifiedTable.Parse(requested, Db, Schema));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("Write TABLE, SCHEMA.TABLE or DATABASE.SCHEMA.TABLE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PartOf255Characters_Accepted_256Refused()
    {
        Assert.Equal(new string('A', 255), QualifiedTable.Parse(new string('a', 255), Db, Schema).Name);
        Assert.Equal("\U0001F600" + new string('x', 254), QualifiedTable.Parse("\"\U0001F600" + new string('x', 254) + "\"", Db, Schema).Name);

        var error = Assert.Throws<AllowlistException>(() => QualifiedTable.Parse(new string('a', 256), Db, Schema));

        Assert.Contains("256 characters long; Snowflake allows at most 255", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ORDERS", null, Schema, "database")]
    [InlineData("ORDERS", Db, null, "schema")]
    [InlineData("PUBLIC.ORDERS", "", Schema, "database")]
    public void Parse_MissingPartWithoutDefault_ThrowsNamingThePart(string requested, string? database, string? schema, string part)
    {
        var error = Assert.Throws<AllowlistException>(() => QualifiedTable.Parse(requested, database, schema));

        Assert.Contains($"names no {part} and the service's connection has no default {part}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FullyQualifiedWithoutDefaults_NeedsNone() =>
        Assert.Equal(new QualifiedTable("D", "S", "T"), QualifiedTable.Parse("d.s.t", null, null));

    [Theory]
    [InlineData("ORDERS_100K", "\"SNOWFERRY\".\"PUBLIC\".\"ORDERS_100K\"", "SNOWFERRY.PUBLIC.ORDERS_100K")]
    [InlineData("\"x\"\"y\"", "\"SNOWFERRY\".\"PUBLIC\".\"x\"\"y\"", "SNOWFERRY.PUBLIC.\"x\"\"y\"")]
    [InlineData("\"A.B\"", "\"SNOWFERRY\".\"PUBLIC\".\"A.B\"", "SNOWFERRY.PUBLIC.\"A.B\"")]
    [InlineData("\"ORDERS_*\"", "\"SNOWFERRY\".\"PUBLIC\".\"ORDERS_*\"", "SNOWFERRY.PUBLIC.\"ORDERS_*\"")]
    public void ToSqlAndToString_QuoteEveryPartOrOnlyOddParts(string requested, string sql, string text)
    {
        var table = QualifiedTable.Parse(requested, Db, Schema);

        Assert.Equal(sql, table.ToSql());
        Assert.Equal(text, table.ToString());
    }

    [Fact]
    public void ToSql_Generated_ReadsBackAsTheSameTable() =>
        Gen.Select(Names.Exact, Names.Exact, Names.Exact).Sample(
            parts =>
            {
                var table = new QualifiedTable(parts.Item1, parts.Item2, parts.Item3);

                Assert.Equal(table, QualifiedTable.Parse(table.ToSql(), "OTHER", "OTHER"));
                Assert.Equal(table, QualifiedTable.Parse(table.ToString(), "OTHER", "OTHER"));
            },
            seed: Names.Seed,
            iter: 2000);

    [Theory]
    [InlineData("")]
    [InlineData("a\u0000b")]
    [InlineData("\u007F")]
    public void Constructor_ImpossibleName_Throws(string name) =>
        Assert.Throws<AllowlistException>(() => new QualifiedTable(Db, Schema, name));

    [Fact]
    public void Parse_UnpairedSurrogate_Throws()
    {
        var error = Assert.Throws<AllowlistException>(() => QualifiedTable.Parse("\"a" + '\uD800' + "\"", Db, Schema));

        Assert.Contains("unpaired UTF-16 surrogate", error.Message, StringComparison.Ordinal);
    }
}
