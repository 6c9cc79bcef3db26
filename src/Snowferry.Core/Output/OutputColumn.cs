using Snowferry.Snowflake.Values;

namespace Snowferry.Output;

/// <summary>
/// One column of the file snowferry writes, fixed by the plan before the first row arrives. The type is the Snowflake
/// wire type the plan's SQL yields for the column (month → <see cref="SnowflakeType.Date"/>, NUMBER sum →
/// <see cref="SnowflakeType.Fixed"/> with precision 38 and the source scale, FLOAT sum → <see cref="SnowflakeType.Real"/>,
/// keys keep their source type), so a writer can check each batch against it.
/// </summary>
/// <param name="Name">Column name as written in the file (the source column's name).</param>
/// <param name="Type">Wire type of the values the result delivers for this column.</param>
/// <param name="Precision">Total digits of a fixed column; null otherwise.</param>
/// <param name="Scale">Fraction digits of a fixed column (or time/timestamp scale); null when unused.</param>
public sealed record OutputColumn(string Name, SnowflakeType Type, int? Precision = null, int? Scale = null)
{
    /// <summary>The type as Snowflake names it, e.g. <c>NUMBER(38,2)</c>, <c>DATE</c>, <c>VARCHAR</c>.</summary>
    public string TypeName => Type switch
    {
        SnowflakeType.Fixed => $"NUMBER({Precision ?? 38},{Scale ?? 0})",
        SnowflakeType.Real => "FLOAT",
        SnowflakeType.Text => "VARCHAR",
        SnowflakeType.TimestampNtz => "TIMESTAMP_NTZ",
        SnowflakeType.TimestampLtz => "TIMESTAMP_LTZ",
        SnowflakeType.TimestampTz => "TIMESTAMP_TZ",
        _ => Type.ToString().ToUpperInvariant(),
    };
}
