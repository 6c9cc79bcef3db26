namespace Snowferry.Snowflake.Values;

/// <summary>
/// A column's type as the SQL API names it in <c>resultSetMetaData.rowType[].type</c> (lower case on the wire).
/// </summary>
public enum SnowflakeType
{
    /// <summary><c>fixed</c>: NUMBER/DECIMAL/INT; decoded as <see cref="SnowflakeDecimal"/>.</summary>
    Fixed,

    /// <summary><c>real</c>: FLOAT/DOUBLE; decoded as <see cref="double"/>.</summary>
    Real,

    /// <summary><c>decfloat</c>: decimal floating point; decoded as its exact text.</summary>
    DecFloat,

    /// <summary><c>text</c>: VARCHAR/STRING; decoded as <see cref="string"/>.</summary>
    Text,

    /// <summary><c>binary</c>: hex on the wire; decoded as a byte array.</summary>
    Binary,

    /// <summary><c>boolean</c>; decoded as <see cref="bool"/>.</summary>
    Boolean,

    /// <summary><c>date</c>: days since 1970-01-01; decoded as <see cref="DateOnly"/>.</summary>
    Date,

    /// <summary><c>time</c>: seconds since midnight; decoded as <see cref="SnowflakeTime"/>.</summary>
    Time,

    /// <summary><c>timestamp_ntz</c>: wall-clock time; decoded as <see cref="SnowflakeTimestamp"/> without offset.</summary>
    TimestampNtz,

    /// <summary><c>timestamp_ltz</c>: an instant; decoded as a UTC <see cref="SnowflakeTimestamp"/> without offset.</summary>
    TimestampLtz,

    /// <summary><c>timestamp_tz</c>: an instant and its offset; decoded as <see cref="SnowflakeTimestamp"/> with offset.</summary>
    TimestampTz,

    /// <summary><c>variant</c>: JSON text.</summary>
    Variant,

    /// <summary><c>object</c>: JSON text.</summary>
#pragma warning disable CA1720 // The member names mirror Snowflake's own type names.
    Object,
#pragma warning restore CA1720

    /// <summary><c>array</c>: JSON text.</summary>
    Array,

    /// <summary><c>geography</c>: text as Snowflake sends it (GeoJSON by default).</summary>
    Geography,

    /// <summary><c>geometry</c>: text as Snowflake sends it.</summary>
    Geometry,

    /// <summary><c>vector</c>: JSON array text.</summary>
    Vector,

    /// <summary><c>map</c>: JSON object text.</summary>
    Map,
}
