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

    [Fact]
    public void NewShortId_EightHexDigits()
    {
        var id = ObjectKeys.NewShortId();

        Assert.Matches("^[0-9a-f]{8}$", id);
        Assert.NotEqual(id, ObjectKeys.NewShortId());
    }
}
