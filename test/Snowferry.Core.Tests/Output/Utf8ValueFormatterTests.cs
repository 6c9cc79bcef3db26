using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;
using Snowferry.Output.Internal;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Output;

/// <summary>
/// The text writers' scalar text against references built another way: decimals from <see cref="BigInteger"/>'s
/// digits, dates from the BCL's own <c>yyyy-MM-dd</c>. Both have fast paths (a <see cref="ulong"/> magnitude, no format
/// string) whose edges are where the generators look: zero, the 2^64 boundary, 38 digits, every scale.
/// </summary>
public sealed class Utf8ValueFormatterTests
{
    private const string Seed = "0Q3mXkT7W2aP";

    private static readonly BigInteger s_max = BigInteger.Pow(10, 38) - 1;

    private static readonly Gen<BigInteger> s_magnitudes = Gen.OneOf(
        Gen.ULong.Select(v => (BigInteger)v),
        Gen.Int[0, 1000].Select(v => (BigInteger)v),
        Gen.Int[-1000, 1000].Select(v => (BigInteger.One << 64) + v),
        Gen.Int[0, 1000].Select(v => s_max - v),
        Gen.Char["0123456789"].Array[1, 38].Select(d => BigInteger.Parse(new string(d), CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0", 0, "0")]
    [InlineData("0", 2, "0.00")]
    [InlineData("5", 1, "0.5")]
    [InlineData("-5", 3, "-0.005")]
    [InlineData("45", 2, "0.45")]
    [InlineData("123450", 2, "1234.50")]
    [InlineData("-18446744073709551615", 0, "-18446744073709551615")]
    [InlineData("18446744073709551616", 5, "184467440737095.51616")]
    [InlineData("-99999999999999999999999999999999999999", 37, "-9.9999999999999999999999999999999999999")]
    public void FormatDecimal_Examples_WriteDigitsWithScale(string unscaled, int scale, string expected) =>
        Assert.Equal(expected, FormatDecimal(Int128.Parse(unscaled, CultureInfo.InvariantCulture), scale));

    [Fact]
    public void FormatDecimal_Generated_EqualsBigIntegerText() =>
        Gen.Select(s_magnitudes, Gen.Bool, Gen.Int[0, SnowflakeDecimal.MaxScale]).Sample(
            (magnitude, negative, scale) =>
            {
                var value = negative ? -magnitude : magnitude;
                Assert.Equal(Reference(value, scale), FormatDecimal((Int128)value, scale));
            },
            seed: Seed,
            iter: 5000);

    [Fact]
    public void FormatDate_Generated_EqualsBclText() =>
        Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Sample(
            day =>
            {
                var date = DateOnly.FromDayNumber(day);
                Span<byte> text = stackalloc byte[Utf8ValueFormatter.MaxLength];
                var written = Utf8ValueFormatter.FormatDate(date, text);
                Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Encoding.UTF8.GetString(text[..written]));
            },
            seed: Seed,
            iter: 5000);

    [Theory]
    [InlineData(1, 1, 1, "0001-01-01")]
    [InlineData(999, 12, 31, "0999-12-31")]
    [InlineData(2026, 2, 1, "2026-02-01")]
    [InlineData(9999, 12, 31, "9999-12-31")]
    public void FormatDate_Edges_FourDigitYears(int year, int month, int day, string expected)
    {
        Span<byte> text = stackalloc byte[Utf8ValueFormatter.MaxLength];
        var written = Utf8ValueFormatter.FormatDate(new DateOnly(year, month, day), text);
        Assert.Equal(expected, Encoding.UTF8.GetString(text[..written]));
    }

    private static string FormatDecimal(Int128 unscaled, int scale)
    {
        Span<byte> text = stackalloc byte[Utf8ValueFormatter.MaxLength];
        var written = Utf8ValueFormatter.FormatDecimal(new SnowflakeDecimal(unscaled, scale), text);
        return Encoding.UTF8.GetString(text[..written]);
    }

    /// <summary>Sign, at least one integer digit, exactly <paramref name="scale"/> fraction digits.</summary>
    private static string Reference(BigInteger value, int scale)
    {
        var digits = BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var integer = digits[..^scale];
        var text = scale == 0 ? integer : integer + "." + digits[^scale..];
        return value.Sign < 0 ? "-" + text : text;
    }
}
