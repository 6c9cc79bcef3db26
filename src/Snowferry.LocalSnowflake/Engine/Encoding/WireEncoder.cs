using System.Data.Common;
using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Translation;

namespace Snowferry.LocalSnowflake.Engine.Encoding;

/// <summary>
/// Snowflake's cell encoding (SQL_API.md §6). DuckDB projects each value to a simple carrier (decimals as VARCHAR,
/// which keeps every digit and the full scale; temporals as integer microseconds) and this class formats the text.
/// </summary>
internal static class WireEncoder
{
    /// <summary>The DuckDB expression that carries a value of <paramref name="type"/> to <see cref="Read"/>.</summary>
    public static string Project(string sql, SnowType type) => type.Kind switch
    {
        SnowKind.Fixed => $"CAST({sql} AS VARCHAR)",
        SnowKind.Date => $"({sql} - DATE '1970-01-01')",
        SnowKind.Time => $"(hour({sql}) * 3600000000 + minute({sql}) * 60000000 + microsecond({sql}))",
        SnowKind.TimestampNtz or SnowKind.TimestampLtz => $"epoch_us({sql})",
        SnowKind.TimestampTz => $"(CAST(epoch_us(struct_extract({sql}, 'u')) AS VARCHAR) || ' ' || CAST(struct_extract({sql}, 'o') AS VARCHAR))",
        SnowKind.Binary => $"upper(hex({sql}))",
        SnowKind.Null => $"CAST({sql} AS VARCHAR)",
        _ => sql,
    };

    public static string? Read(DbDataReader reader, int ordinal, SnowType type)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        switch (type.Kind)
        {
            case SnowKind.Real:
                return FormatDouble(reader.GetDouble(ordinal));
            case SnowKind.Boolean:
                return reader.GetBoolean(ordinal) ? "true" : "false";
            case SnowKind.Date:
                return reader.GetFieldValue<long>(ordinal).ToString(CultureInfo.InvariantCulture);
            case SnowKind.Time or SnowKind.TimestampNtz or SnowKind.TimestampLtz:
                return FormatMicros(reader.GetFieldValue<long>(ordinal));
            case SnowKind.TimestampTz:
                var text = reader.GetString(ordinal);
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                var micros = long.Parse(text.AsSpan(0, space), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                var offset = int.Parse(text.AsSpan(space + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return FormatMicros(micros) + " " + (offset + 1440).ToString(CultureInfo.InvariantCulture);
            default:
                return reader.GetString(ordinal);
        }
    }

    public static string FormatDouble(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Epoch microseconds as seconds with exactly 9 fraction digits, e.g. -1.500000000.</summary>
    public static string FormatMicros(long micros)
    {
        var negative = micros < 0;
        var magnitude = (ulong)(negative ? -(micros + 1) : micros) + (negative ? 1UL : 0UL);
        var seconds = magnitude / 1_000_000;
        var fraction = magnitude % 1_000_000;
        return string.Create(CultureInfo.InvariantCulture, $"{(negative ? "-" : "")}{seconds}.{fraction:D6}000");
    }
}
