using System.Globalization;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>The Snowflake type families this engine models; <see cref="Null"/> is the type of a bare NULL literal.</summary>
internal enum SnowKind
{
    Null,
    Fixed,
    Real,
    Text,
    Boolean,
    Date,
    Time,
    TimestampNtz,
    TimestampLtz,
    TimestampTz,
    Binary,
    Variant,
    Object,
    Array,
}

/// <summary>
/// A Snowflake type with its parameters. Every expression carries one, so results report Snowflake's types (not
/// DuckDB's) and casts follow Snowflake's rules.
/// </summary>
internal sealed record SnowType(SnowKind Kind, int Precision = 0, int Scale = 0, long Length = 0)
{
    public const long MaxTextLength = 16_777_216;

    public const long MaxBinaryLength = 8_388_608;

    public static readonly SnowType Null = new(SnowKind.Null);

    public static readonly SnowType Real = new(SnowKind.Real);

    public static readonly SnowType Text = new(SnowKind.Text, Length: MaxTextLength);

    public static readonly SnowType Boolean = new(SnowKind.Boolean);

    public static readonly SnowType Date = new(SnowKind.Date);

    public static readonly SnowType Time = new(SnowKind.Time, Scale: 9);

    public static readonly SnowType TimestampNtz = new(SnowKind.TimestampNtz, Scale: 9);

    public static readonly SnowType TimestampLtz = new(SnowKind.TimestampLtz, Scale: 9);

    public static readonly SnowType TimestampTz = new(SnowKind.TimestampTz, Scale: 9);

    public static readonly SnowType Binary = new(SnowKind.Binary, Length: MaxBinaryLength);

    public static readonly SnowType Variant = new(SnowKind.Variant);

    public static SnowType Number(int precision, int scale) => new(SnowKind.Fixed, precision, scale);

    public static SnowType Varchar(long length) => new(SnowKind.Text, Length: length);

    public bool IsNumeric => Kind is SnowKind.Fixed or SnowKind.Real;

    public bool IsTimestamp => Kind is SnowKind.TimestampNtz or SnowKind.TimestampLtz or SnowKind.TimestampTz;

    public bool IsTextual => Kind is SnowKind.Text;

    /// <summary>The DuckDB storage type. TIMESTAMP_TZ keeps its instant (UTC) and its own offset in minutes.</summary>
    public string DuckType => Kind switch
    {
        SnowKind.Fixed => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({Precision},{Scale})"),
        SnowKind.Real => "DOUBLE",
        SnowKind.Text or SnowKind.Variant or SnowKind.Object or SnowKind.Array => "VARCHAR",
        SnowKind.Boolean => "BOOLEAN",
        SnowKind.Date => "DATE",
        SnowKind.Time => "TIME",
        SnowKind.TimestampNtz or SnowKind.TimestampLtz => "TIMESTAMP",
        SnowKind.TimestampTz => "STRUCT(u TIMESTAMP, o SMALLINT)",
        SnowKind.Binary => "BLOB",
        _ => "VARCHAR",
    };

    /// <summary>The rowType <c>type</c> on the wire (lower case).</summary>
    public string WireType => Kind switch
    {
        SnowKind.Fixed => "fixed",
        SnowKind.Real => "real",
        SnowKind.Text or SnowKind.Null => "text",
        SnowKind.Boolean => "boolean",
        SnowKind.Date => "date",
        SnowKind.Time => "time",
        SnowKind.TimestampNtz => "timestamp_ntz",
        SnowKind.TimestampLtz => "timestamp_ltz",
        SnowKind.TimestampTz => "timestamp_tz",
        SnowKind.Binary => "binary",
        SnowKind.Variant => "variant",
        SnowKind.Object => "object",
        _ => "array",
    };

    /// <summary>The <c>type</c> column of DESCRIBE TABLE, e.g. <c>NUMBER(12,2)</c>, <c>VARCHAR(16777216)</c>.</summary>
    public string DescribeName => Kind switch
    {
        SnowKind.Fixed => string.Create(CultureInfo.InvariantCulture, $"NUMBER({Precision},{Scale})"),
        SnowKind.Text or SnowKind.Null => string.Create(CultureInfo.InvariantCulture, $"VARCHAR({Length})"),
        SnowKind.Binary => string.Create(CultureInfo.InvariantCulture, $"BINARY({Length})"),
        SnowKind.Time => string.Create(CultureInfo.InvariantCulture, $"TIME({Scale})"),
        SnowKind.TimestampNtz or SnowKind.TimestampLtz or SnowKind.TimestampTz =>
            string.Create(CultureInfo.InvariantCulture, $"{DataTypeName}({Scale})"),
        _ => DataTypeName,
    };

    /// <summary>INFORMATION_SCHEMA.COLUMNS.DATA_TYPE.</summary>
    public string DataTypeName => Kind switch
    {
        SnowKind.Fixed => "NUMBER",
        SnowKind.Real => "FLOAT",
        SnowKind.Text or SnowKind.Null => "TEXT",
        SnowKind.Boolean => "BOOLEAN",
        SnowKind.Date => "DATE",
        SnowKind.Time => "TIME",
        SnowKind.TimestampNtz => "TIMESTAMP_NTZ",
        SnowKind.TimestampLtz => "TIMESTAMP_LTZ",
        SnowKind.TimestampTz => "TIMESTAMP_TZ",
        SnowKind.Binary => "BINARY",
        SnowKind.Variant => "VARIANT",
        SnowKind.Object => "OBJECT",
        _ => "ARRAY",
    };

    public EngineColumn ToColumn(string name) => new()
    {
        Name = name,
        Type = WireType,
        Precision = Kind == SnowKind.Fixed ? Precision : null,
        Scale = Kind is SnowKind.Fixed or SnowKind.Time or SnowKind.TimestampNtz or SnowKind.TimestampLtz or SnowKind.TimestampTz ? Scale : null,
        Length = Kind is SnowKind.Text or SnowKind.Binary or SnowKind.Null ? (Length == 0 ? MaxTextLength : Length) : null,
        ByteLength = Kind is SnowKind.Text or SnowKind.Null ? Math.Min((Length == 0 ? MaxTextLength : Length) * 4, MaxTextLength) : Kind == SnowKind.Binary ? Length : null,
    };
}
