using System.Globalization;
using System.Text;
using CsCheck;
using Snowferry.Planning.Sql;

namespace Snowferry.Tests.Planning;

public sealed class SqlRendererTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    private static SqlColumnRef Column(string name) => new(new SqlIdentifier(name));

    [Theory]
    [InlineData("", "''")]
    [InlineData("MONTH", "'MONTH'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("a\\b", @"'a\\b'")]
    [InlineData(" \t\n\r\u000B\f", @"' \t\n\r\u000B\f'")]
    [InlineData("\0\b\u007F", @"'\0\b\u007F'")]
    [InlineData("x'); DROP TABLE t; --", "'x''); DROP TABLE t; --'")]
    [InlineData("中文 é", "'中文 é'")]
    public void StringLiteral_AnyText_SnowflakeEscapes(string value, string sql) =>
        Assert.Equal(sql, SqlRenderer.StringLiteral(value));

    [Fact]
    public void StringLiteral_AnyString_DecodesBackToTheSameText() =>
        Gen.String.Sample(
            value =>
            {
                var sql = SqlRenderer.StringLiteral(value);
                Assert.Equal(value, Decode(sql));
                Assert.DoesNotContain('\n', sql);
            },
            seed: Seed,
            iter: 5000);

    [Fact]
    public void Render_NotOfAnd_Parenthesised() =>
        Assert.Equal(
            "NOT (\"A\" IS NULL AND \"B\" IS NULL)",
            SqlRenderer.Render(new SqlNot(new SqlAnd([new SqlIsNull(Column("A")), new SqlIsNull(Column("B"))]))));

    [Fact]
    public void Render_OrInsideAnd_Parenthesised() =>
        Assert.Equal(
            "(\"A\" IS NULL OR \"B\" = '') AND \"C\" IS NULL",
            SqlRenderer.Render(new SqlAnd([
                new SqlOr([new SqlIsNull(Column("A")), new SqlEquals(Column("B"), new SqlStringLiteral(""))]),
                new SqlIsNull(Column("C")),
            ])));

    [Fact]
    public void Render_ComparisonInsideIsNull_Parenthesised() =>
        Assert.Equal(
            "(\"A\" = 1) IS NULL",
            SqlRenderer.Render(new SqlIsNull(new SqlEquals(Column("A"), new SqlNumberLiteral(1)))));

    [Fact]
    public void Render_FunctionsCastsAndCount_AsSnowflakeWritesThem() =>
        Assert.Equal(
            "CAST(SUM(\"x\") AS NUMBER(38, 2)), COUNT(*), ?",
            string.Join(", ", new SqlExpression[]
            {
                new SqlCast(new SqlFunctionCall("SUM", Column("x")), SqlType.Number(38, 2)),
                new SqlCountStar(),
                new SqlParameter(),
            }.Select(SqlRenderer.Render)));

    [Theory]
    [InlineData("sum")]
    [InlineData("SUM; DROP")]
    [InlineData("SUM(")]
    [InlineData("")]
    public void FunctionCall_NameNotAKeyword_Misuse(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => new SqlFunctionCall(name));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(39, 0)]
    [InlineData(10, 11)]
    [InlineData(10, -1)]
    public void Number_OutsideSnowflakeLimits_Misuse(int precision, int scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SqlType.Number(precision, scale));

    [Fact]
    public void Render_SelectWithoutItems_Misuse() =>
        Assert.Throws<ArgumentException>(() => SqlRenderer.Render(new SqlSelect { Items = [], From = new SqlTableRef([new SqlIdentifier("T")]) }));

    [Fact]
    public void Render_EmptyAnd_Misuse() =>
        Assert.Throws<ArgumentException>(() => SqlRenderer.Render(new SqlAnd([])));

    /// <summary>Reads a single-quoted Snowflake constant back, by the documented escape rules only.</summary>
    private static string Decode(string sql)
    {
        Assert.True(sql.Length >= 2 && sql[0] == '\'' && sql[^1] == '\'');
        var text = new StringBuilder();
        for (var i = 1; i < sql.Length - 1; i++)
        {
            var c = sql[i];
            if (c == '\'')
            {
                Assert.Equal('\'', sql[++i]); // a lone quote would end the constant early
                text.Append('\'');
            }
            else if (c == '\\')
            {
                var e = sql[++i];
                text.Append(e switch
                {
                    '\\' => "\\",
                    't' => "\t",
                    'n' => "\n",
                    'r' => "\r",
                    'f' => "\f",
                    'b' => "\b",
                    '0' => "\0",
                    'u' => ((char)int.Parse(sql.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
                    _ => throw new InvalidOperationException($"Unexpected escape \\{e}"),
                });
                if (e == 'u')
                {
                    i += 4;
                }
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
