using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Storage;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>
/// SQL API bindings (SQL_API.md §4) as typed constants: values arrive as text in the binding's own encoding
/// (DATE in epoch ms, TIME and timestamps in epoch ns, TIMESTAMP_TZ as "ns offset+1440").
/// </summary>
internal static class Bindings
{
    public static Typed Bind(EngineBinding binding, int position)
    {
        var type = binding.Type.ToUpperInvariant();
        var value = binding.Value;
        SnowflakeSqlException Bad() => SqlErrors.BadBinding(position, binding.Type, value);

        if (value is null)
        {
            var nullType = type switch
            {
                "FIXED" => SnowType.Number(38, 0),
                "REAL" => SnowType.Real,
                "BOOLEAN" => SnowType.Boolean,
                "DATE" => SnowType.Date,
                "TIME" => SnowType.Time,
                "TIMESTAMP_NTZ" => SnowType.TimestampNtz,
                "TIMESTAMP_LTZ" => SnowType.TimestampLtz,
                "TIMESTAMP_TZ" => SnowType.TimestampTz,
                "BINARY" => SnowType.Binary,
                "TEXT" => SnowType.Text,
                _ => throw Bad(),
            };
            return new Typed($"CAST(NULL AS {nullType.DuckType})", nullType);
        }

        switch (type)
        {
            case "TEXT":
                return new Typed(Native.Quote(value), SnowType.Varchar(Math.Max(value.Length, 1))) { Constant = value };
            case "FIXED":
                // Documented as an integer (SQL_API.md §4): a fraction is refused as a bad value, as Snowflake refuses
                // it, so a client that binds "12.50" as FIXED instead of TEXT is caught here.
                var trimmed = value.Trim();
                var unsigned = trimmed.Length > 0 && trimmed[0] is '-' or '+' ? trimmed[1..] : trimmed;
                if (unsigned.Length == 0 || !unsigned.All(char.IsAsciiDigit) || unsigned.TrimStart('0').Length > 38)
                {
                    throw Bad();
                }

                var fixedType = SnowType.Number(38, 0);
                return new Typed($"CAST('{trimmed}' AS {fixedType.DuckType})", fixedType);
            case "REAL":
                return new Typed(Literals.Double(value.Trim()) ?? throw Bad(), SnowType.Real);
            case "BOOLEAN":
                return new Typed(Literals.Boolean(value) ?? throw Bad(), SnowType.Boolean);
            case "DATE":
                var milliseconds = Integer(value) ?? throw Bad();
                var day = FloorDiv(milliseconds, 86_400_000);
                return new Typed(string.Create(CultureInfo.InvariantCulture, $"CAST(DATE '1970-01-01' + {day} AS DATE)"), SnowType.Date);
            case "TIME":
                var timeNanos = Integer(value) ?? throw Bad();
                return new Typed(string.Create(CultureInfo.InvariantCulture, $"CAST(make_timestamp({timeNanos / 1000}) AS TIME)"), SnowType.Time);
            case "TIMESTAMP_NTZ" or "TIMESTAMP_LTZ":
                var nanos = Integer(value) ?? throw Bad();
                return new Typed(string.Create(CultureInfo.InvariantCulture, $"make_timestamp({FloorDiv(nanos, 1000)})"),
                    type == "TIMESTAMP_NTZ" ? SnowType.TimestampNtz : SnowType.TimestampLtz);
            case "TIMESTAMP_TZ":
                var parts = value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || Integer(parts[0]) is not { } instant || Integer(parts[1]) is not { } code || code is < 0 or > 2880)
                {
                    throw Bad();
                }

                return new Typed(string.Create(CultureInfo.InvariantCulture,
                    $"struct_pack(u := make_timestamp({FloorDiv(instant, 1000)}), o := CAST({code - 1440} AS SMALLINT))"), SnowType.TimestampTz);
            case "BINARY":
                return new Typed(Literals.Binary(value) ?? throw Bad(), SnowType.Binary);
            default:
                throw Bad();
        }
    }

    private static long? Integer(string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return value % divisor != 0 && value < 0 ? quotient - 1 : quotient;
    }
}
