using Snowferry.Output;
using Snowferry.Snowflake.Values;

namespace Snowferry.Planning;

/// <summary>One source column and what the plan does with it.</summary>
public sealed record PlannedColumn
{
    /// <param name="source">The column as the table describes it.</param>
    /// <param name="role">Month, key, sum or dropped.</param>
    /// <param name="output">The column written for it, or null when dropped.</param>
    /// <param name="reason">Why it got that role, for people.</param>
    internal PlannedColumn(SourceColumn source, ColumnRole role, OutputColumn? output, string reason)
    {
        Source = source;
        Role = role;
        Output = output;
        Reason = reason;
    }

    // The reader's row stays internal: a plan is read-only data, and users see the column through the members below.
    internal SourceColumn Source { get; init; }

    /// <summary>The source column's name, as Snowflake stores it.</summary>
    public string Name => Source.Name;

    /// <summary>The source column's <c>DATA_TYPE</c> as <c>INFORMATION_SCHEMA.COLUMNS</c> reports it (e.g. <c>NUMBER</c>).</summary>
    public string DataType => Source.DataType;

    /// <summary>Month, key, sum or dropped.</summary>
    public ColumnRole Role { get; internal init; }

    /// <summary>The column written for it, or null when dropped.</summary>
    public OutputColumn? Output { get; internal init; }

    /// <summary>Why it got that role, for people (e.g. <c>DATE → month (first day of the month)</c>).</summary>
    public string Reason { get; internal init; }

    /// <summary>The wire type the source column's values have; null when snowferry does not know its DATA_TYPE.</summary>
    public SnowflakeType? SourceType { get; internal init; }

    /// <summary>The epoch unit when this month column is a number read as Unix time; null otherwise.</summary>
    public EpochUnit? Epoch { get; internal init; }
}
