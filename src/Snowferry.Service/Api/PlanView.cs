using Snowferry.Planning;

namespace Snowferry.Service.Api;

/// <summary>A plan as the API shows it.</summary>
/// <param name="SourceTable">The table, fully qualified as the planner resolved it.</param>
/// <param name="Columns">Each source column: name, Snowflake type, role (<c>month</c>, <c>key</c>, <c>sum</c>, <c>dropped</c>).</param>
/// <param name="OutputColumns">The file's columns and types.</param>
/// <param name="Sql">The statement Snowflake would run.</param>
/// <param name="Warnings">What the plan does that the caller may not mean (a summed identifier), in column order; empty when nothing looks off.</param>
public sealed record PlanView(
    string SourceTable, IReadOnlyList<PlanColumnView> Columns, IReadOnlyList<PlanOutputColumnView> OutputColumns, string Sql, IReadOnlyList<PlanWarningView> Warnings)
{
    /// <summary>The view of a library plan.</summary>
    public static PlanView Of(TransferPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanView(
            plan.SourceTable,
            [.. plan.Columns.Select(c => new PlanColumnView(c.Name, c.DataType, c.Role.ToString().ToLowerInvariant()))],
            [.. plan.OutputSchema.Select(c => new PlanOutputColumnView(c.Name, c.TypeName))],
            plan.Sql,
            [.. plan.Warnings.Select(PlanWarningView.Of)]);
    }
}

/// <summary>A source column and its role.</summary>
public sealed record PlanColumnView(string Name, string Type, string Role);

/// <summary>A column of the file.</summary>
public sealed record PlanOutputColumnView(string Name, string Type);
