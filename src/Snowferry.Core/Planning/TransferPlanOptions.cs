namespace Snowferry.Planning;

/// <summary>
/// Changes to the contract's default column roles. Column names are read with Snowflake's identifier rules
/// (<c>o_orderdate</c> means <c>O_ORDERDATE</c>; <c>"o_orderdate"</c> means exactly that lower-case name). Every name
/// must be a column of the table, and a column may appear in at most one of month, key, epoch and drop (and not in
/// both keep and drop); anything else is refused with a <see cref="PlanException"/>, never silently resolved.
/// </summary>
public sealed record TransferPlanOptions
{
    /// <summary>
    /// The month column(s) (<c>--month-column</c>): DATE or TIMESTAMP columns to truncate to their month. When this or
    /// <see cref="EpochColumns"/> names any column, the table's other DATE/TIMESTAMP columns are no longer months: they
    /// become plain keys, written as they are (drop them to aggregate further). Empty: every DATE/TIMESTAMP is a month.
    /// </summary>
    public IReadOnlyList<string> MonthColumns { get; init; } = [];

    /// <summary>
    /// Columns to group by as they are (<c>--key-column</c>) instead of their default role: numeric identifiers such
    /// as <c>O_ORDERKEY</c> or <c>USERID</c> (otherwise summed), or a DATE/TIMESTAMP to keep at full precision.
    /// </summary>
    public IReadOnlyList<string> KeyColumns { get; init; } = [];

    /// <summary>
    /// Only these columns are written (<c>--keep-column</c>), in the table's order; columns named in
    /// <see cref="MonthColumns"/>, <see cref="KeyColumns"/> or <see cref="EpochColumns"/> are kept too. Empty: all.
    /// </summary>
    public IReadOnlyList<string> KeepColumns { get; init; } = [];

    /// <summary>Columns left out of the output (<c>--drop-column</c>); they take no part in blank-row detection either.</summary>
    public IReadOnlyList<string> DropColumns { get; init; } = [];

    /// <summary>
    /// Numeric columns holding time since the Unix epoch (<c>--epoch-column</c>), in <see cref="EpochUnit"/>: each is
    /// read as a UTC instant and becomes a month column (see <see cref="MonthColumns"/> for what that does to the others).
    /// </summary>
    public IReadOnlyList<string> EpochColumns { get; init; } = [];

    /// <summary>The unit of every <see cref="EpochColumns"/> column (<c>--epoch-unit</c>); seconds by default.</summary>
    public EpochUnit EpochUnit { get; init; } = EpochUnit.Seconds;
}
