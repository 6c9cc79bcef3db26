using CsCheck;
using Snowferry.Service.Allowlists;

namespace Snowferry.Service.Tests.Allowlists;

public sealed class TablePatternTests
{
    private const string Db = "SNOWFERRY";
    private const string Schema = "PUBLIC";

    [Theory]
    // Case folding: unquoted folds to upper case, quoted is exact.
    [InlineData("orders_*", "ORDERS_100K", true)]
    [InlineData("ORDERS_*", "orders_100k", true)]
    [InlineData("\"orders_*\"", "ORDERS_100K", false)]
    [InlineData("\"ORDERS_*\"", "ORDERS_100K", false)]
    [InlineData("\"ORDERS_*\"", "\"ORDERS_*\"", true)]
    [InlineData("\"orders_100k\"", "ORDERS_100K", false)]
    [InlineData("\"orders_100k\"", "\"orders_100k\"", true)]
    [InlineData("orders_100k", "\"orders_100k\"", false)]
    // _ is literal, * may match nothing, several stars.
    [InlineData("ORDERS_*", "ORDERSX100K", false)]
    [InlineData("ORDERS_*", "ORDERS_", true)]
    [InlineData("ORDERS*100K", "ORDERS_100K", true)]
    [InlineData("*_100K", "ORDERS_100K", true)]
    [InlineData("*_100K", "ORDERS_100KB", false)]
    [InlineData("O*D*R", "ORDERS", false)]
    [InlineData("O*D*R*", "ORDERS", true)]
    [InlineData("O*D*S", "ORDERS", true)]
    [InlineData("A*A", "A", false)]
    [InlineData("*", "ORDERS_100K", true)]
    [InlineData("*", "\"a.b\"", true)]
    // * never crosses a dot: a one-part pattern stays in the default schema and database.
    [InlineData("ORDERS*", "ORDERS.X", false)]
    [InlineData("*", "SALES.ORDERS", false)]
    [InlineData("*", "OTHER.PUBLIC.ORDERS", false)]
    [InlineData("PUBLIC.*", "SNOWFERRY.PUBLIC.ORDERS", true)]
    [InlineData("PUBLIC.*", "SALES.ORDERS", false)]
    [InlineData("P*.*", "PUBLIC.ORDERS", true)]
    [InlineData("*.*", "OTHER.SALES.ORDERS", false)]
    [InlineData("*.*.*", "OTHER.SALES.ORDERS", true)]
    [InlineData("SNOWFERRY.*.ORDERS", "SNOWFERRY.SALES.ORDERS", true)]
    [InlineData("SNOWFERRY.*.ORDERS", "SNOWFERRY.SALES.ORDERS_2", false)]
    // A quoted part is one part, dots and all.
    [InlineData("\"A.B\"", "\"A.B\"", true)]
    [InlineData("\"A.B\"", "A.B", false)]
    [InlineData("A.B", "\"A.B\"", false)]
    [InlineData("\"PUBLIC.ORDERS\"", "PUBLIC.ORDERS", false)]
    [InlineData("SNOWFERRY.\"PUBLIC.X\".*", "SNOWFERRY.PUBLIC.X", false)]
    [InlineData("SNOWFERRY.\"PUBLIC.X\".*", "SNOWFERRY.\"PUBLIC.X\".T", true)]
    public void Matches_RequestedName_AsSnowflakeResolvesIt(string pattern, string requested, bool matches)
    {
        var parsed = TablePattern.Parse(pattern, Db, Schema);
        var table = QualifiedTable.Parse(requested, Db, Schema);

        Assert.Equal(matches, parsed.Matches(table));
    }

    [Theory]
    [InlineData("orders_*", "SNOWFERRY.PUBLIC.ORDERS_*")]
    [InlineData("sales.\"orders_*\"", "SNOWFERRY.SALES.\"orders_*\"")]
    [InlineData("a.b.c", "A.B.C")]
    [InlineData("\"A.B\"", "SNOWFERRY.PUBLIC.\"A.B\"")]
    public void Parse_ShortPattern_CompletedWithTheConnectionsDefaults(string pattern, string completed)
    {
        var parsed = TablePattern.Parse(pattern, Db, Schema);

        Assert.Equal(completed, parsed.Completed);
        Assert.Equal(pattern, parsed.Text);
    }

    [Fact]
    public void Parse_DefaultHoldingAStar_IsExactNotAWildcard()
    {
        var parsed = TablePattern.Parse("ORDERS", "DB*", Schema);

        Assert.True(parsed.Matches(new QualifiedTable("DB*", Schema, "ORDERS")));
        Assert.False(parsed.Matches(new QualifiedTable("DBX", Schema, "ORDERS")));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("a..b", "an empty part")]
    [InlineData("a.b.c.d", "4 dot-separated parts")]
    [InlineData("\"orders\"_*", "not both")]
    [InlineData("\"orders", "never closed")]
    [InlineData("orders-*", "unexpected '-'")]
    [InlineData("orders?", "unexpected '?'")]
    [InlineData("orders%", "unexpected '%'")]
    [InlineData("1*", "cannot start with '1'")]
    [InlineData("ord\"ers\"", "a double quote at position 4 inside a part")]
    public void Parse_Malformed_ThrowsNamingThePattern(string pattern, string problem)
    {
        var error = Assert.Throws<AllowlistException>(() => TablePattern.Parse(pattern, Db, Schema));

        Assert.Contains($"The table pattern '{pattern}' is malformed", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ORDERS", null, Schema, "database")]
    [InlineData("ORDERS", Db, null, "schema")]
    [InlineData("PUBLIC.ORDERS", null, null, "database")]
    [InlineData("*", "", "", "schema")]
    public void Parse_CannotBeCompleted_ThrowsNamingPatternAndMissingPart(string pattern, string? database, string? schema, string part)
    {
        var error = Assert.Throws<AllowlistException>(() => TablePattern.Parse(pattern, database, schema));

        Assert.Contains($"The table pattern '{pattern}' names no {part}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FullPatternWithoutDefaults_NeedsNone() =>
        Assert.True(TablePattern.Parse("d.s.*", null, null).Matches(new QualifiedTable("D", "S", "T")));

    [Fact]
    public void Matches_PatternWithoutStar_MatchesExactlyTheOneTableItNames() =>
        Gen.Select(Names.Table, Names.Table).Sample(
            pair =>
            {
                var (named, other) = pair;
                var pattern = TablePattern.Parse(named.ToSql(), "X", "Y");

                Assert.True(pattern.Matches(named));
                Assert.Equal(named == other, pattern.Matches(other));
            },
            seed: Names.Seed,
            iter: 2000);

    [Fact]
    public void Matches_StarPattern_MatchesWhatTheSameGlobMatchesPartByPart() =>
        Gen.Select(Gen.Char["AB_*"].Array[1, 6], Gen.Char["AB_."].Array[1, 8]).Sample(
            pair =>
            {
                var glob = new string(pair.Item1);
                var name = new string(pair.Item2);
                var pattern = TablePattern.Parse(glob, Db, Schema);
                var table = new QualifiedTable(Db, Schema, name);

                // An independent reading of the rule: * is any run of characters, everything else literal.
                var expected = System.Text.RegularExpressions.Regex.IsMatch(
                    name, "^" + string.Join(".*", glob.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$",
                    System.Text.RegularExpressions.RegexOptions.Singleline);
                Assert.Equal(expected, pattern.Matches(table));
            },
            seed: Names.Seed,
            iter: 5000);
}
