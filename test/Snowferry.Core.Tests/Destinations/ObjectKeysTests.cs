using Snowferry.Destinations;

namespace Snowferry.Tests.Destinations;

public sealed class ObjectKeysTests
{
    private static readonly DateTimeOffset s_time = new(2026, 11, 24, 11, 15, 30, 402, TimeSpan.FromHours(1));

    [Theory]
    [InlineData("", "ORDERS_100K/ORDERS_100K_20261124T101530Z_3f9c2a1b.parquet")]
    [InlineData("exports", "exports/ORDERS_100K/ORDERS_100K_20261124T101530Z_3f9c2a1b.parquet")]
    [InlineData("/exports/daily/", "exports/daily/ORDERS_100K/ORDERS_100K_20261124T101530Z_3f9c2a1b.parquet")]
    public void Default_PrefixTableTimestampId_ContractShape(string prefix, string expected)
    {
        Assert.Equal(expected, ObjectKeys.Default(prefix, "ORDERS_100K", s_time, "3f9c2a1b", "parquet"));
    }

    [Fact]
    public void Default_ExtensionWithDot_OneDot()
    {
        Assert.EndsWith("_x.csv", ObjectKeys.Default("", "T", s_time, "x", ".csv"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A/B", "id", "csv")]
    [InlineData("T", "", "csv")]
    [InlineData("T", "id", " ")]
    public void Default_BadSegment_Throws(string table, string id, string extension)
    {
        Assert.ThrowsAny<ArgumentException>(() => ObjectKeys.Default("", table, s_time, id, extension));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("ORDERS_100K", "ORDERS_100K")]
    [InlineData("..", "_..")]
    [InlineData(".", "_.")]
    [InlineData("_..", "_..")]
    [InlineData("...", "...")]
    [InlineData("a..b", "a..b")]
    [InlineData("../evil", ".._evil")]
    [InlineData("a\\b", "a_b")]
    [InlineData("/", "_")]
    public void NameSegment_Name_OneSegmentThatIsNeverADotSegment(string name, string expected)
    {
        var segment = ObjectKeys.NameSegment(name);

        Assert.Equal(expected, segment);
        Assert.Equal(segment, ObjectKeys.NameSegment(segment));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void Default_DotSegmentTable_Throws(string table)
    {
        Assert.Throws<ArgumentException>(() => ObjectKeys.Default("acme", table, s_time, "3f9c2a1b", "parquet"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("exports/daily")]
    [InlineData("a..b/...")]
    [InlineData("50%/off%")]
    [InlineData("x%2")]
    [InlineData("%zz")]
    public void PrefixProblem_PlainPrefix_None(string prefix) => Assert.Null(ObjectKeys.PrefixProblem(prefix));

    [Theory]
    [InlineData("..", "a '..' segment")]
    [InlineData("acme/../x", "a '..' segment")]
    [InlineData("./x", "a '.' segment")]
    [InlineData("a//b", "an empty segment")]
    [InlineData("/a", "an empty segment")]
    [InlineData("a\\..\\b", "a backslash")]
    [InlineData("a\tb", "the control character U+0009")]
    [InlineData("a%2F..%2Fb", "the percent-escape '%2F'")]
    [InlineData("%2e%2e", "the percent-escape '%2e'")]
    [InlineData("x%252F", "the percent-escape '%25'")]
    public void PrefixProblem_PrefixThatCouldMeanAnotherKey_SaysWhy(string prefix, string problem)
    {
        Assert.StartsWith(problem, ObjectKeys.PrefixProblem(prefix), StringComparison.Ordinal);
    }

    [Fact]
    public void PrefixProblem_TooLong_SaysTheLimit()
    {
        Assert.Null(ObjectKeys.PrefixProblem(new string('a', ObjectKeys.MaxPrefixLength)));
        Assert.Contains("more than the 512 allowed", ObjectKeys.PrefixProblem(new string('a', ObjectKeys.MaxPrefixLength + 1)), StringComparison.Ordinal);
    }

    [Fact]
    public void NewShortId_EightHexDigits()
    {
        var id = ObjectKeys.NewShortId();

        Assert.Matches("^[0-9a-f]{8}$", id);
        Assert.NotEqual(id, ObjectKeys.NewShortId());
    }
}
