using System.Globalization;
using System.Text;

namespace Snowferry.Planning;

/// <summary>The plan for people: what <c>snowferry plan</c> prints.</summary>
public sealed partial class TransferPlan
{
    /// <summary>
    /// A plain-text description: the table, one line per source column (name, type, role, reason), the
    /// <see cref="Warnings"/> (one <c>warning:</c> line each), then the SQL.
    /// Holds no secret (only table and column names).
    /// </summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Plan for {Table}: {OutputSchema.Count} of {Columns.Count} columns written, one row per group of ");
        text.AppendJoin(", ", Columns.Where(c => c.Role is ColumnRole.Month or ColumnRole.Key).Select(c => new Sql.SqlIdentifier(c.Source.Name)));
        text.Append('\n');
        var nameWidth = Columns.Max(c => new Sql.SqlIdentifier(c.Source.Name).ToString().Length);
        var typeWidth = Columns.Max(c => RoleAssigner.TypeText(c.Source).Length);
        foreach (var column in Columns)
        {
            var name = new Sql.SqlIdentifier(column.Source.Name).ToString();
            var type = RoleAssigner.TypeText(column.Source);
            text.Append("  ").Append(name.PadRight(nameWidth)).Append("  ").Append(type.PadRight(typeWidth)).Append("  ")
                .Append(column.Role.ToString().ToLowerInvariant().PadRight(7)).Append("  ").Append(column.Reason).Append('\n');
        }

        if (Warnings.Count > 0)
        {
            text.Append('\n');
            foreach (var warning in Warnings)
            {
                text.Append("warning: ").Append(warning.Message).Append('\n');
            }
        }

        text.Append('\n').Append(Sql).Append('\n');
        return text.ToString();
    }
}
