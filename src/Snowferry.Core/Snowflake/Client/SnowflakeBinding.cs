using System.Globalization;
using Snowferry.Snowflake.Values;

namespace Snowferry.Snowflake.Client;

/// <summary>
/// One bind value as the SQL API takes it: a type name and the value's text (<c>null</c> for SQL NULL).
/// The helpers produce the documented encodings (dates in epoch milliseconds, times and timestamps in epoch nanoseconds),
/// and fall back to TEXT, which Snowflake casts to the type the statement expects, where a typed binding is not
/// documented well enough to be exact: fractional decimals and TIMESTAMP_TZ.
/// </summary>
/// <param name="Type">FIXED (integers only), REAL, DECFLOAT, TEXT, BINARY, BOOLEAN, DATE, TIME, TIMESTAMP_LTZ, TIMESTAMP_NTZ or
/// TIMESTAMP_TZ (avoid: see <see cref="TimestampTz"/>).</param>
/// <param name="Value">The value as text, or null for SQL NULL.</param>
public sealed record SnowflakeBinding(string Type, string? Value)
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>A TEXT value.</summary>
    public static SnowflakeBinding Text(string? value) => new("TEXT", value);

    /// <summary>A FIXED integer.</summary>
    public static SnowflakeBinding Fixed(long value) => new("FIXED", value.ToString(s_invariant));

    /// <summary>
    /// An exact decimal: FIXED when its text is a whole number, TEXT (e.g. <c>"12.50"</c>) when it has a fraction,
    /// because the SQL API documents FIXED bindings as integers.
    /// </summary>
    public static SnowflakeBinding Fixed(decimal value) => Decimal(value.ToString(s_invariant));

    /// <summary>An exact decimal: FIXED when its scale is 0, TEXT (e.g. <c>"12.50"</c>) otherwise; see <see cref="Fixed(decimal)"/>.</summary>
    public static SnowflakeBinding Fixed(SnowflakeDecimal value) => Decimal(value.ToString());

    /// <summary>A REAL value (round-trip text; NaN and infinities spelled as .NET does).</summary>
    public static SnowflakeBinding Real(double value) => new("REAL", value.ToString("R", s_invariant));

    /// <summary>A BOOLEAN value.</summary>
    public static SnowflakeBinding Boolean(bool value) => new("BOOLEAN", value ? "true" : "false");

    /// <summary>A BINARY value, sent as hex.</summary>
    public static SnowflakeBinding Binary(ReadOnlySpan<byte> value) => new("BINARY", Convert.ToHexString(value));

    /// <summary>A DATE, sent as milliseconds since 1970-01-01.</summary>
    public static SnowflakeBinding Date(DateOnly value) =>
        new("DATE", (SnowflakeCellParser.DaysSinceEpoch(value) * 86_400_000L).ToString(s_invariant));

    /// <summary>A TIME, sent as nanoseconds since midnight.</summary>
    public static SnowflakeBinding Time(TimeOnly value) => new("TIME", (value.Ticks * 100).ToString(s_invariant));

    /// <summary>A TIMESTAMP_NTZ: the wall-clock time, sent as nanoseconds since the epoch.</summary>
    public static SnowflakeBinding TimestampNtz(DateTime value) =>
        new("TIMESTAMP_NTZ", EpochNanoseconds(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

    /// <summary>A TIMESTAMP_LTZ: the instant, sent as nanoseconds since the epoch.</summary>
    public static SnowflakeBinding TimestampLtz(DateTimeOffset value) => new("TIMESTAMP_LTZ", EpochNanoseconds(value.UtcDateTime));

    /// <summary>
    /// A TIMESTAMP_TZ value, bound as TEXT in Snowflake's timestamp input format (<c>2024-01-02 03:04:05.1234567 +01:00</c>).
    /// The TIMESTAMP_TZ binding type is avoided: the SQL API gives its offset "in minutes" without saying whether it is
    /// coded +1440 as in results, and a wrong guess would shift every value by a day without an error.
    /// </summary>
    public static SnowflakeBinding TimestampTz(DateTimeOffset value) =>
        new("TEXT", value.ToString("yyyy'-'MM'-'dd HH':'mm':'ss'.'fffffff zzz", s_invariant));

    private static SnowflakeBinding Decimal(string text) => new(text.Contains('.', StringComparison.Ordinal) ? "TEXT" : "FIXED", text);

    /// <summary>A SQL NULL of the given type.</summary>
    public static SnowflakeBinding Null(string type) => new(type, null);

    private static string EpochNanoseconds(DateTime utc) =>
        checked((utc.Ticks - DateTime.UnixEpoch.Ticks) * 100).ToString(s_invariant);
}
