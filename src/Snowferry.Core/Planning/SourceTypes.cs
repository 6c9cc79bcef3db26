using Snowferry.Snowflake.Values;

namespace Snowferry.Planning;

/// <summary>
/// Maps <c>INFORMATION_SCHEMA.COLUMNS.DATA_TYPE</c> to the wire type the column's values arrive as. Snowflake reports
/// the canonical names (NUMBER, TEXT, FLOAT, TIMESTAMP_NTZ, ...; docs.snowflake.com/en/sql-reference/info-schema/columns);
/// the DDL synonyms are accepted too, because emulators and older accounts may echo the declared type.
/// </summary>
internal static class SourceTypes
{
    /// <summary>The wire type of a DATA_TYPE, or null when snowferry does not know the name.</summary>
    public static SnowflakeType? Classify(string dataType)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        var name = dataType.Trim();
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren].TrimEnd();
        }

        return name.ToUpperInvariant() switch
        {
            "NUMBER" or "DECIMAL" or "NUMERIC" or "INT" or "INTEGER" or "BIGINT" or "SMALLINT" or "TINYINT" or "BYTEINT" => SnowflakeType.Fixed,
            "FLOAT" or "FLOAT4" or "FLOAT8" or "DOUBLE" or "DOUBLE PRECISION" or "REAL" => SnowflakeType.Real,
            "DECFLOAT" => SnowflakeType.DecFloat,
            "TEXT" or "VARCHAR" or "CHAR" or "CHARACTER" or "STRING" or "NCHAR" or "NVARCHAR" or "NVARCHAR2" or "CHAR VARYING" or "NCHAR VARYING" => SnowflakeType.Text,
            "BINARY" or "VARBINARY" => SnowflakeType.Binary,
            "BOOLEAN" => SnowflakeType.Boolean,
            "DATE" => SnowflakeType.Date,
            "TIME" => SnowflakeType.Time,
            // TIMESTAMP and DATETIME follow TIMESTAMP_TYPE_MAPPING, NTZ by default; Snowflake itself reports the mapped name.
            "TIMESTAMP_NTZ" or "TIMESTAMPNTZ" or "TIMESTAMP WITHOUT TIME ZONE" or "DATETIME" or "TIMESTAMP" => SnowflakeType.TimestampNtz,
            "TIMESTAMP_LTZ" or "TIMESTAMPLTZ" or "TIMESTAMP WITH LOCAL TIME ZONE" => SnowflakeType.TimestampLtz,
            "TIMESTAMP_TZ" or "TIMESTAMPTZ" or "TIMESTAMP WITH TIME ZONE" => SnowflakeType.TimestampTz,
            "VARIANT" => SnowflakeType.Variant,
            "OBJECT" => SnowflakeType.Object,
            "ARRAY" => SnowflakeType.Array,
            "GEOGRAPHY" => SnowflakeType.Geography,
            "GEOMETRY" => SnowflakeType.Geometry,
            "VECTOR" => SnowflakeType.Vector,
            "MAP" => SnowflakeType.Map,
            _ => null,
        };
    }

    public static bool IsTemporal(SnowflakeType type) =>
        type is SnowflakeType.Date or SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz;

    public static bool IsNumeric(SnowflakeType type) => type is SnowflakeType.Fixed or SnowflakeType.Real;

    /// <summary>Types snowferry can group by, sum and write; the rest must be dropped.</summary>
    public static bool IsSupported(SnowflakeType type) =>
        type is not (SnowflakeType.DecFloat or SnowflakeType.Geography or SnowflakeType.Geometry or SnowflakeType.Vector or SnowflakeType.Map);
}
