namespace Snowferry.Snowflake.Values;

/// <summary>Maps the wire names of <see cref="SnowflakeType"/>, case-insensitively.</summary>
internal static class SnowflakeTypeNames
{
    public static bool TryParse(string? name, out SnowflakeType type)
    {
        // Wire names are lower case (timestamp_ntz); some docs show them upper case, so compare ignoring case.
        type = default;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        SnowflakeType? found = name.ToUpperInvariant() switch
        {
            "FIXED" => SnowflakeType.Fixed,
            "REAL" => SnowflakeType.Real,
            "DECFLOAT" => SnowflakeType.DecFloat,
            "TEXT" => SnowflakeType.Text,
            "BINARY" => SnowflakeType.Binary,
            "BOOLEAN" => SnowflakeType.Boolean,
            "DATE" => SnowflakeType.Date,
            "TIME" => SnowflakeType.Time,
            // TIMESTAMP is the alias type (snowflake-connector-python FIELD_TYPES); it follows TIMESTAMP_TYPE_MAPPING,
            // NTZ by default, as SourceTypes reads it, and its cells are epoch seconds either way.
            "TIMESTAMP_NTZ" or "TIMESTAMP" => SnowflakeType.TimestampNtz,
            "TIMESTAMP_LTZ" => SnowflakeType.TimestampLtz,
            "TIMESTAMP_TZ" => SnowflakeType.TimestampTz,
            "VARIANT" => SnowflakeType.Variant,
            "OBJECT" => SnowflakeType.Object,
            "ARRAY" => SnowflakeType.Array,
            "GEOGRAPHY" => SnowflakeType.Geography,
            "GEOMETRY" => SnowflakeType.Geometry,
            "VECTOR" => SnowflakeType.Vector,
            "MAP" => SnowflakeType.Map,
            _ => null,
        };
        type = found.GetValueOrDefault();
        return found.HasValue;
    }

    public static string ToWireName(SnowflakeType type) => type switch
    {
        SnowflakeType.DecFloat => "decfloat",
        SnowflakeType.TimestampNtz => "timestamp_ntz",
        SnowflakeType.TimestampLtz => "timestamp_ltz",
        SnowflakeType.TimestampTz => "timestamp_tz",
        _ => type.ToString().ToLowerInvariant(),
    };
}
