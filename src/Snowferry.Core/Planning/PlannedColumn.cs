using Snowferry.Output;
using Snowferry.Snowflake.Values;

namespace Snowferry.Planning;

/// <summary>One source column and what the plan does with it.</summary>
/// <param name="Source">The column as the table describes it.</param>
/// <param name="Role">Month, key, sum or dropped.</param>
/// <param name="Output">The column written for it, or null when dropped.</param>
/// <param name="Reason">Why it got that role, for people (e.g. <c>DATE → month (first day of the month)</c>).</param>
public sealed record PlannedColumn(SourceColumn Source, ColumnRole Role, OutputColumn? Output, string Reason)
{
    /// <summary>The wire type the source column's values have; null when snowferry does not know its DATA_TYPE.</summary>
    public SnowflakeType? SourceType { get; init; }

    /// <summary>The epoch unit when this month column is a number read as Unix time; null otherwise.</summary>
    public EpochUnit? Epoch { get; init; }
}
