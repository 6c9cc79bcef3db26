using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Values;

public sealed class SnowflakeTimestampTests
{
    [Fact]
    public void ToString_Nanoseconds_PrintsNineDigits() =>
        Assert.Equal("2024-01-01T00:00:00.000000001", new SnowflakeTimestamp(1704067200, 1).ToString());

    [Fact]
    public void ToDateTimeOffset_WithOffset_KeepsInstant()
    {
        var ts = new SnowflakeTimestamp(1704067200, 123_456_789, -90);

        var dto = ts.ToDateTimeOffset();

        Assert.Equal(TimeSpan.FromMinutes(-90), dto.Offset);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1704067200).AddTicks(1_234_567), dto.ToUniversalTime());
        Assert.Equal("2023-12-31T22:30:00.123456789-01:30", ts.ToString());
    }

    [Fact]
    public void Equals_SameInstantDifferentOffset_NotEqual() =>
        Assert.NotEqual(new SnowflakeTimestamp(1, 0, 60), new SnowflakeTimestamp(1, 0, 0));

    [Fact]
    public void Constructor_NanosecondsOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnowflakeTimestamp(0, 1_000_000_000));

    [Fact]
    public void Time_ToString_PrintsNanoseconds()
    {
        var time = new SnowflakeTime(82_919_000_000_001);

        Assert.Equal("23:01:59.000000001", time.ToString());
        Assert.Equal(new TimeOnly(23, 1, 59), time.ToTimeOnly());
    }
}
