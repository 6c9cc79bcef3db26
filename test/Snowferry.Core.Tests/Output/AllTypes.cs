using Snowferry.Snowflake.Values;
using static Snowferry.Tests.Output.TestBatches;

namespace Snowferry.Tests.Output;

/// <summary>One column of every type the writers handle, a plan helper column at the end, and three rows: edge values, their opposites, all NULL.</summary>
internal static class AllTypes
{
    public const string BigDecimal = "123456789012345678901234567890123456.78";
    public const string AllNines = "99999999999999999999999999999999999999";
    public const string Text = "héllo, \"wörld\" ✓😀\r\nline2";

    public static readonly SnowflakeColumn[] Columns = Ordinals(
        Column("F", SnowflakeType.Fixed, 38, 2),
        Column("N", SnowflakeType.Fixed, 38, 0),
        Column("R", SnowflakeType.Real),
        Column("T", SnowflakeType.Text),
        Column("B", SnowflakeType.Boolean),
        Column("D", SnowflakeType.Date),
        Column("NTZ", SnowflakeType.TimestampNtz, scale: 9),
        Column("LTZ", SnowflakeType.TimestampLtz, scale: 3),
        Column("TZ", SnowflakeType.TimestampTz, scale: 9),
        Column("BIN", SnowflakeType.Binary),
        Column("V", SnowflakeType.Variant),
        Column("TI", SnowflakeType.Time, scale: 9),
        Column("_SNOWFERRY_SOURCE_ROWS", SnowflakeType.Fixed, 38, 0));

    /// <summary>The schema: every column but the helper.</summary>
    public static Snowferry.Output.OutputColumn[] Schema => TestBatches.Schema(Columns, Columns.Length - 1);

    public static object?[][] Rows =>
    [
        [
            SnowflakeDecimal.Parse(BigDecimal), SnowflakeDecimal.Parse(AllNines), 1.5, Text, true, new DateOnly(2024, 2, 1),
            new SnowflakeTimestamp(1705314600, 123_456_789), new SnowflakeTimestamp(1705314600, 123_000_000),
            new SnowflakeTimestamp(1705314600, 0, 60), new byte[] { 0, 255, 16 }, "{\n  \"a\": 1\n}",
            new SnowflakeTime(82919_500_000_000), SnowflakeDecimal.Parse("7"),
        ],
        [
            SnowflakeDecimal.Parse("-0.05"), SnowflakeDecimal.Parse("-" + AllNines), -2.25e-10, "", false, new DateOnly(1969, 12, 31),
            new SnowflakeTimestamp(-2, 750_000_000), new SnowflakeTimestamp(0, 0),
            new SnowflakeTimestamp(1705314600, 500_000_000, -330), Array.Empty<byte>(), "[1,2]",
            new SnowflakeTime(0), SnowflakeDecimal.Parse("3"),
        ],
        [null, null, null, null, null, null, null, null, null, null, null, null, SnowflakeDecimal.Parse("2")],
    ];
}
