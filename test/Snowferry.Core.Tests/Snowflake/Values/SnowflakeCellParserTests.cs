using System.Text;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Values;

public sealed class SnowflakeCellParserTests
{
    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-2", -2.0)]
    [InlineData("1e300", 1e300)]
    [InlineData("1.7976931348623157E308", double.MaxValue)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("INF", double.PositiveInfinity)]
    public void TryParseReal_WireText_Parses(string text, double expected)
    {
        Assert.True(SnowflakeCellParser.TryParseReal(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    public void TryParseReal_NaN_IsNaN(string text)
    {
        Assert.True(SnowflakeCellParser.TryParseReal(Encoding.UTF8.GetBytes(text), out var value));
        Assert.True(double.IsNaN(value));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.5x")]
    public void TryParseReal_Garbage_Fails(string text) => Assert.False(SnowflakeCellParser.TryParseReal(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("17982", 2019, 3, 27)]
    [InlineData("0", 1970, 1, 1)]
    [InlineData("-1", 1969, 12, 31)]
    [InlineData("-719162", 1, 1, 1)]
    public void TryParseDate_DaysSinceEpoch_IsDate(string text, int y, int m, int d)
    {
        Assert.True(SnowflakeCellParser.TryParseDate(Encoding.UTF8.GetBytes(text), out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("82919.000000000", 82_919_000_000_000L)]
    [InlineData("0.5", 500_000_000L)]
    [InlineData("3600.123456", 3_600_123_456_000L)]
    [InlineData("86399.999999999", 86_399_999_999_999L)]
    [InlineData("1.1234567891", 1_123_456_789L)]
    public void TryParseTime_AnyFractionDigits_IsExact(string text, long nanos)
    {
        Assert.True(SnowflakeCellParser.TryParseTime(Encoding.UTF8.GetBytes(text), out var time));
        Assert.Equal(nanos, time.NanosecondsSinceMidnight);
    }

    [Theory]
    [InlineData("86400.000000000")]
    [InlineData("-1.0")]
    public void TryParseTime_OutOfDay_Fails(string text) => Assert.False(SnowflakeCellParser.TryParseTime(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("1616173619.000000000", 1616173619L, 0)]
    [InlineData("1616173619.123456789", 1616173619L, 123456789)]
    [InlineData("1616173619.5", 1616173619L, 500000000)]
    [InlineData("1616173619", 1616173619L, 0)]
    [InlineData("-1.250000000", -2L, 750000000)]
    [InlineData("-0.000000001", -1L, 999999999)]
    [InlineData("-86400.000000000", -86400L, 0)]
    [InlineData("123456789012345678.987654321", 123456789012345678L, 987654321)]
    [InlineData("-98765432.000000001", -98765433L, 999999999)]
    [InlineData("7.000000010", 7L, 10)]
    [InlineData("12345678.100000000", 12345678L, 100000000)]
    public void TryParseTimestamp_EpochSeconds_SplitsExactly(string text, long seconds, int nanos)
    {
        Assert.True(SnowflakeCellParser.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out var ts));
        Assert.Equal(seconds, ts.EpochSeconds);
        Assert.Equal(nanos, ts.Nanoseconds);
        Assert.Null(ts.OffsetMinutes);
    }

    [Fact]
    public void TryParseTimestamp_Pre1970_ConvertsToDateTime()
    {
        // 1969-12-31T23:59:58.75 UTC.
        Assert.True(SnowflakeCellParser.TryParseTimestamp("-1.250000000"u8, out var ts));
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 58, 750, DateTimeKind.Unspecified), ts.ToDateTime());
        Assert.Equal("1969-12-31T23:59:58.750000000", ts.ToString());
    }

    [Theory]
    [InlineData("1616173619.000000000 1500", 60, "2021-03-19T18:06:59.000000000+01:00")]
    [InlineData("1616173619.000000000 1440", 0, "2021-03-19T17:06:59.000000000+00:00")]
    [InlineData("1616173619.000000001 1140", -300, "2021-03-19T12:06:59.000000001-05:00")]
    [InlineData("-1.5 2160", 720, "1970-01-01T11:59:58.500000000+12:00")]
    public void TryParseTimestampTz_OffsetCode_IsOffsetMinus1440(string text, int offset, string iso)
    {
        Assert.True(SnowflakeCellParser.TryParseTimestampTz(Encoding.UTF8.GetBytes(text), out var ts));
        Assert.Equal(offset, ts.OffsetMinutes);
        Assert.Equal(iso, ts.ToString());
        Assert.Equal(TimeSpan.FromMinutes(offset), ts.ToDateTimeOffset().Offset);
    }

    [Fact]
    public void TryParseTimestampTz_UtcInstant_IgnoresOffset()
    {
        Assert.True(SnowflakeCellParser.TryParseTimestampTz("1616173619.000000000 1500"u8, out var ts));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1616173619), ts.UtcInstant);
        Assert.Equal(ts.UtcInstant, ts.ToDateTimeOffset());
    }

    [Theory]
    [InlineData("1234567a.123456789")]
    [InlineData("12345678.12345:789")]
    [InlineData("123.12345678x")]
    [InlineData("1234567890123456789.000000000")]
    [InlineData("-.123456789")]
    [InlineData("1.")]
    public void TryParseTimestamp_NotEpochSeconds_Fails(string text) =>
        Assert.False(SnowflakeCellParser.TryParseTimestamp(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void TryParseTimestamp_PlusSign_ReadAsBefore()
    {
        Assert.True(SnowflakeCellParser.TryParseTimestamp("+5.000000001"u8, out var ts));
        Assert.Equal((5L, 1), (ts.EpochSeconds, ts.Nanoseconds));
    }

    [Theory]
    [InlineData("1616173619.0")]
    [InlineData("1616173619.0 x")]
    [InlineData("1616173619.0 3000")]
    public void TryParseTimestampTz_Malformed_Fails(string text) =>
        Assert.False(SnowflakeCellParser.TryParseTimestampTz(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("", new byte[0])]
    [InlineData("00ff7A", new byte[] { 0, 255, 122 })]
    public void TryParseHex_Hex_IsBytes(string text, byte[] expected)
    {
        Assert.True(SnowflakeCellParser.TryParseHex(Encoding.UTF8.GetBytes(text), out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("zz")]
    public void TryParseHex_NotHex_Fails(string text) => Assert.False(SnowflakeCellParser.TryParseHex(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void TryParseBoolean_Text_Parses(string text, bool expected)
    {
        Assert.True(SnowflakeCellParser.TryParseBoolean(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void TryParseBoolean_Garbage_Fails() => Assert.False(SnowflakeCellParser.TryParseBoolean("yes"u8, out _));
}
