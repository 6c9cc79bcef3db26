using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

public sealed class TransferKeyTemplateTests
{
    private static readonly TransferKeyValues s_values = new("ORDERS_100K", "PUBLIC", "SNOWFERRY", new DateTimeOffset(2026, 1, 31, 23, 30, 5, TimeSpan.FromHours(-2)), "3f9c2a1b", ".csv.gz");

    [Theory]
    [InlineData("exports/{table}/{date:yyyy-MM}/{table}.{ext}", "exports/ORDERS_100K/2026-02/ORDERS_100K.csv.gz")]
    [InlineData("{database}/{schema}/{table}_{timestamp}_{id}.{ext}", "SNOWFERRY/PUBLIC/ORDERS_100K_20260201T013005Z_3f9c2a1b.csv.gz")]
    [InlineData("/{table}/{date}.{ext}", "ORDERS_100K/2026-02-01.csv.gz")]
    [InlineData("{{literal}}/{table}", "{literal}/ORDERS_100K")]
    public void Expand_KnownPlaceholders_GivesTheKeyInUtc(string template, string expected) =>
        Assert.Equal(expected, TransferKeyTemplate.Expand(template, s_values));

    [Theory]
    [InlineData("{tabel}.{ext}", "unknown placeholder '{tabel}'")]
    [InlineData("{table", "unclosed")]
    [InlineData("a}b", "no '{'")]
    [InlineData("a//{table}", "empty, '.' or '..' segment")]
    [InlineData("../{table}", "empty, '.' or '..' segment")]
    [InlineData("..\\{table}.{ext}", "writes '..\\', which has a backslash")]
    [InlineData("%2e%2e/{table}.{ext}", "writes '%2e%2e/', which has the percent-escape '%2e'")]
    [InlineData("{table}/%2F{ext}", "writes '/%2F', which has the percent-escape '%2F'")]
    [InlineData("{date:'%2e%2e'}/{table}.{ext}", "writes '%2e%2e', which has the percent-escape '%2e'")]
    [InlineData("a\tb/{table}", "writes 'a\\u0009b/', which has the control character U+0009")]
    public void Expand_BadTemplate_ThrowsNamingTheProblem(string template, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => TransferKeyTemplate.Expand(template, s_values));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_TableWithASlash_StaysOneSegment() =>
        Assert.Equal("x/A_B.parquet", TransferKeyTemplate.Expand("x/{table}.{ext}", s_values with { Table = "A/B", Extension = "parquet" }));

    [Theory]
    [InlineData("{table}/x", "..", "_../x")]
    [InlineData("x/{table}", ".", "x/_.")]
    [InlineData("{table}", "..", "_..")]
    [InlineData("{table}.{ext}", "..", "_...csv")]
    [InlineData("{table}/x", "...", ".../x")]
    public void Expand_TableNamedLikeADotSegment_WrittenAsTheDefaultKeyWritesIt(string template, string table, string expected) =>
        Assert.Equal(expected, TransferKeyTemplate.Expand(template, s_values with { Table = table, Extension = "csv" }));

    [Theory]
    [InlineData("{schema}/{database}/{table}", "..", ".", "_../_./ORDERS_100K")]
    [InlineData("{schema}/{database}/{table}", "a/b", "c\\d", "a_b/c_d/ORDERS_100K")]
    public void Expand_SchemaOrDatabaseNamedLikeADotSegment_OneSafeSegment(string template, string schema, string database, string expected) =>
        Assert.Equal(expected, TransferKeyTemplate.Expand(template, s_values with { Schema = schema, Database = database }));

    [Fact]
    public void Expand_PercentNotAnEscape_Kept() =>
        Assert.Equal("100%/ORDERS_100K", TransferKeyTemplate.Expand("100%/{table}", s_values));
}
