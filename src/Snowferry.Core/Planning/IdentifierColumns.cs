using Snowferry.Planning.Sql;

namespace Snowferry.Planning;

/// <summary>
/// Flags numeric columns that look like identifiers and that the defaults sum. The contract sums every number, so
/// <c>O_ORDERKEY</c> or <c>USERID</c> becomes a meaningless total unless the caller says otherwise (the original
/// request's own review note: summing an order key makes no sense). The defaults stay as the contract says; the plan
/// only warns and names the option that groups by the column instead.
/// </summary>
internal static class IdentifierColumns
{
    /// <summary>
    /// <c>ID</c>, or a name ending in <c>ID</c> or <c>KEY</c>, ignoring case: <c>USER_ID</c>, <c>USERID</c>,
    /// <c>O_ORDERKEY</c>, <c>PART_KEY</c>. A name merely ending in those letters (<c>PAID</c>) is flagged too: the
    /// warning costs a line, a summed key costs a wrong file.
    /// </summary>
    public static bool LooksLikeIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.EndsWith("ID", StringComparison.OrdinalIgnoreCase) || name.EndsWith("KEY", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A warning for each summed column that looks like an identifier, in column order.</summary>
    public static IReadOnlyList<PlanWarning> Warnings(IReadOnlyList<PlannedColumn> columns) =>
        [.. columns.Where(c => c.Role == ColumnRole.Sum && LooksLikeIdentifier(c.Name)).Select(Warning)];

    private static PlanWarning Warning(PlannedColumn column) => new(
        PlanWarningCode.IdentifierSummed,
        column.Name,
        $"Column {new SqlIdentifier(column.Name).ToSql()} ({RoleAssigner.TypeText(column.Source)}) looks like an identifier, and the defaults sum it; " +
        "add it to TransferPlanOptions.KeyColumns to group by it instead, or to TransferPlanOptions.DropColumns to leave it out.");
}
