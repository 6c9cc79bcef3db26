using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>The binding helpers use only documented encodings: FIXED for integers, TEXT where a typed form is unclear.</summary>
public sealed class SnowflakeBindingTests
{
    [Fact]
    public void Fixed_FractionalDecimal_IsTextWithItsExactDigits()
    {
        Assert.Equal(new SnowflakeBinding("TEXT", "12.50"), SnowflakeBinding.Fixed(12.50m));
        Assert.Equal(new SnowflakeBinding("TEXT", "-0.125"), SnowflakeBinding.Fixed(SnowflakeDecimal.Parse("-0.125")));
    }

    [Fact]
    public void Fixed_WholeNumber_IsFixed()
    {
        Assert.Equal(new SnowflakeBinding("FIXED", "42"), SnowflakeBinding.Fixed(42m));
        Assert.Equal(new SnowflakeBinding("FIXED", "-7"), SnowflakeBinding.Fixed(SnowflakeDecimal.Parse("-7")));
        Assert.Equal(new SnowflakeBinding("FIXED", "9223372036854775807"), SnowflakeBinding.Fixed(long.MaxValue));
    }

    [Fact]
    public void TimestampTz_IsTextWithTheOffset_NotTheTimestampTzType()
    {
        var value = new DateTimeOffset(2024, 3, 10, 23, 30, 15, TimeSpan.FromMinutes(-330)).AddTicks(1234567);

        Assert.Equal(new SnowflakeBinding("TEXT", "2024-03-10 23:30:15.1234567 -05:30"), SnowflakeBinding.TimestampTz(value));
    }
}
