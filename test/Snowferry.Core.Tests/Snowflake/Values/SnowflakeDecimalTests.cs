using System.Globalization;
using System.Numerics;
using CsCheck;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Values;

public sealed class SnowflakeDecimalTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    [Theory]
    [InlineData("1234.50", "123450", 2)]
    [InlineData("-0.05", "-5", 2)]
    [InlineData("12", "12", 0)]
    [InlineData("0", "0", 0)]
    [InlineData("-0.000", "0", 3)]
    [InlineData("99999999999999999999999999999999999999", "99999999999999999999999999999999999999", 0)]
    [InlineData("-9999999999999999999999999999.9999999999", "-99999999999999999999999999999999999999", 10)]
    [InlineData("0.0000000000000000000000000000000000001", "1", 37)]
    public void Parse_WireText_KeepsDigitsAndScale(string text, string unscaled, int scale)
    {
        var value = SnowflakeDecimal.Parse(text);

        Assert.Equal(BigInteger.Parse(unscaled, CultureInfo.InvariantCulture), (BigInteger)value.Unscaled);
        Assert.Equal(scale, value.Scale);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e5")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("100000000000000000000000000000000000000")] // 39 digits
    [InlineData("0.00000000000000000000000000000000000001")] // scale 38
    [InlineData("NaN")]
    public void TryParse_NotANumber_ReturnsFalse(string text) => Assert.False(SnowflakeDecimal.TryParse(text, out _));

    [Theory]
    [InlineData("1234.50")]
    [InlineData("-0.05")]
    [InlineData("0.00")]
    [InlineData("-12")]
    [InlineData("12345678901234567890123456789012345678")]
    public void ToString_Parsed_RoundTrips(string text) => Assert.Equal(text, SnowflakeDecimal.Parse(text).ToString());

    [Fact]
    public void ToString_NegativeZeroText_PrintsZero() => Assert.Equal("0.000", SnowflakeDecimal.Parse("-0.000").ToString());

    [Fact]
    public void Equals_DifferentScales_ComparesNumerically()
    {
        var a = SnowflakeDecimal.Parse("1.5");
        var b = SnowflakeDecimal.Parse("1.50");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(SnowflakeDecimal.Parse("-1.51") < SnowflakeDecimal.Parse("-1.5"));
    }

    [Theory]
    [InlineData("1234.50", "1234.50")]
    [InlineData("-0.05", "-0.05")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0.12345678901234567890123456789012345", "0.1234567890123456789012345679")]
    public void ToDecimal_InRange_IsExactOrRounded(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), SnowflakeDecimal.Parse(text).ToDecimal());

    [Fact]
    public void ToDecimal_BeyondDecimal_ThrowsOverflow() =>
        Assert.Throws<OverflowException>(() => SnowflakeDecimal.Parse("79228162514264337593543950336").ToDecimal());

    [Fact]
    public void ExplicitDouble_ThirtyEightDigits_IsNearest() =>
        Assert.Equal(1e37, (double)SnowflakeDecimal.Parse("10000000000000000000000000000000000000"));

    [Fact]
    public void WithScale_Up_PadsZeros() => Assert.Equal("12.500", SnowflakeDecimal.Parse("12.5").WithScale(3).ToString());

    [Fact]
    public void WithScale_DownWithDigits_ThrowsOverflow() =>
        Assert.Throws<OverflowException>(() => SnowflakeDecimal.Parse("12.55").WithScale(1));

    [Fact]
    public void FromDecimal_KeepsScale() => Assert.Equal("-3.1400", SnowflakeDecimal.FromDecimal(-3.1400m).ToString());

    private static readonly Gen<(bool Negative, string Digits, int Scale)> s_decimals =
        from negative in Gen.Bool
        from digits in Gen.Char["0123456789"].Array[1, 38]
        from scale in Gen.Int[0, 37]
        select (negative, new string(digits), Math.Min(scale, digits.Length));

    [Fact]
    public void ParseToString_Generated_RoundTripsCanonicalText() =>
        s_decimals.Sample(
            d =>
            {
                var text = Format(d);
                var value = SnowflakeDecimal.Parse(text);
                Assert.Equal(Canonical(d), value.ToString());
                Assert.Equal(d.Scale, value.Scale);
                Assert.Equal(ToBig(d), (BigInteger)value.Unscaled);
            },
            seed: Seed,
            iter: 2000);

    [Fact]
    public void CompareTo_Generated_AgreesWithBigInteger() =>
        Gen.Select(s_decimals, s_decimals).Sample(
            pair =>
            {
                var (x, y) = pair;
                var a = SnowflakeDecimal.Parse(Format(x));
                var b = SnowflakeDecimal.Parse(Format(y));
                var scale = Math.Max(x.Scale, y.Scale);
                var left = ToBig(x) * BigInteger.Pow(10, scale - x.Scale);
                var right = ToBig(y) * BigInteger.Pow(10, scale - y.Scale);
                Assert.Equal(Math.Sign(left.CompareTo(right)), Math.Sign(a.CompareTo(b)));
                Assert.Equal(left == right, a.Equals(b));
                if (a.Equals(b))
                {
                    Assert.Equal(a.GetHashCode(), b.GetHashCode());
                }
            },
            seed: Seed,
            iter: 2000);

    [Fact]
    public void ToDecimal_Generated_MatchesDecimalParseWhenRepresentable() =>
        s_decimals.Where(d => d.Digits.Length <= 28).Sample(
            d =>
            {
                var text = Format(d);
                Assert.Equal(decimal.Parse(text, CultureInfo.InvariantCulture), SnowflakeDecimal.Parse(text).ToDecimal());
            },
            seed: Seed,
            iter: 1000);

    private static string Format((bool Negative, string Digits, int Scale) d)
    {
        var digits = d.Digits;
        var intPart = digits[..(digits.Length - d.Scale)];
        var text = (intPart.Length == 0 ? "0" : intPart) + (d.Scale > 0 ? "." + digits[^d.Scale..] : "");
        return (d.Negative ? "-" : "") + text;
    }

    private static string Canonical((bool Negative, string Digits, int Scale) d)
    {
        var big = BigInteger.Abs(ToBig(d)).ToString(CultureInfo.InvariantCulture).PadLeft(d.Scale + 1, '0');
        var text = d.Scale > 0 ? big[..^d.Scale] + "." + big[^d.Scale..] : big;
        return (d.Negative && !ToBig(d).IsZero ? "-" : "") + text;
    }

    private static BigInteger ToBig((bool Negative, string Digits, int Scale) d)
    {
        var big = BigInteger.Parse(d.Digits, CultureInfo.InvariantCulture);
        return d.Negative ? -big : big;
    }
}
