using CsCheck;
using Snowferry.Planning;
using Snowferry.Planning.Sql;

namespace Snowferry.Tests.Planning;

public sealed class SqlIdentifierTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    /// <summary>Characters that matter to quoting and parsing, plus letters, unicode and one half of a surrogate pair.</summary>
    private static readonly Gen<string> s_tricky =
        Gen.Char["aZz_$09 .\"'\\;-é中\t\n\u000B\ud83d\ude00"].Array[0, 12].Select(c => new string(c));

    private static readonly Gen<string> s_names = Gen.OneOf(s_tricky, Gen.String);

    [Theory]
    [InlineData("o_orderdate", "O_ORDERDATE")]
    [InlineData("O_ORDERDATE", "O_ORDERDATE")]
    [InlineData("\"o_orderdate\"", "o_orderdate")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    [InlineData("\"with space\"", "with space")]
    [InlineData("\"a.b\"", "a.b")]
    [InlineData("\"x; DROP TABLE y\"", "x; DROP TABLE y")]
    [InlineData("\"中文\"", "中文")]
    public void Parse_ColumnOption_FoldsUnquotedKeepsQuoted(string text, string expected) =>
        Assert.Equal(expected, SqlIdentifier.Parse(text).Name);

    [Theory]
    [InlineData("T.C", "it has 2 dot-separated parts, at most 1 allowed")]
    [InlineData("o orderdate", "unexpected a space at position 2")]
    [InlineData("x; DROP TABLE y", "unexpected ';' at position 2")]
    public void Parse_NotOneColumn_ClearError(string text, string problem)
    {
        var error = Assert.Throws<InvalidIdentifierException>(() => SqlIdentifier.Parse(text));

        Assert.Contains($"is not a valid column name: {problem}. Write one name, e.g. O_ORDERDATE or \"o_orderdate\".", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ABC", "\"ABC\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("x\"; DROP TABLE y; --", "\"x\"\"; DROP TABLE y; --\"")]
    public void ToSql_AnyName_QuotedWithQuotesDoubled(string name, string sql) =>
        Assert.Equal(sql, new SqlIdentifier(name).ToSql());

    [Theory]
    [InlineData("")]
    [InlineData("a\nb")]
    [InlineData("\0")]
    public void Constructor_UnstorableName_Refused(string name) =>
        Assert.Throws<InvalidIdentifierException>(() => new SqlIdentifier(name));

    [Fact]
    public void Constructor_LoneSurrogate_Refused()
    {
        // Not as InlineData: the test runner would replace the lone surrogate with U+FFFD.
        var error = Assert.Throws<InvalidIdentifierException>(() => new SqlIdentifier("a\ud83d"));

        Assert.Contains("unpaired UTF-16 surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuoteThenParse_AnyString_RoundTripsOrIsRefusedUpFront() =>
        s_names.Sample(
            name =>
            {
                SqlIdentifier identifier;
                try
                {
                    identifier = new SqlIdentifier(name);
                }
                catch (InvalidIdentifierException)
                {
                    Assert.NotNull(SqlIdentifier.Problem(name));
                    return;
                }

                Assert.Equal(name, SqlIdentifier.Parse(identifier.ToSql()).Name);
                Assert.Equal(name, SqlIdentifier.Parse(identifier.ToString()).Name);
            },
            seed: Seed,
            iter: 5000);

    [Fact]
    public void TableParse_AnyString_EitherExactPartsOrInvalidIdentifier() =>
        Gen.OneOf(s_tricky, Gen.String, Gen.Select(s_tricky, s_tricky, (a, b) => $"{a}.{b}")).Sample(
            text =>
            {
                TableName table;
                try
                {
                    table = TableName.Parse(text);
                }
                catch (InvalidIdentifierException ex)
                {
                    Assert.Equal(text, ex.Input);
                    return;
                }

                // Whatever was accepted renders to quoted parts that parse back to the very same name.
                var again = TableName.Parse(SqlRenderer.Render(table.ToSqlTable()));
                Assert.Equal(table, again);
                Assert.Equal(table, TableName.Parse(table.ToString()));
            },
            seed: Seed,
            iter: 5000);
}
