namespace Snowferry.Planning;

/// <summary>What the plan does with a source column.</summary>
public enum ColumnRole
{
    /// <summary>Truncated to its calendar month (UTC for time-zone-aware values) and grouped by; written as a DATE.</summary>
    Month,

    /// <summary>Grouped by and written as it is.</summary>
    Key,

    /// <summary>Summed within each group (NULLs skipped; all NULL gives NULL).</summary>
    Sum,

    /// <summary>Not read into the output.</summary>
    Dropped,
}
