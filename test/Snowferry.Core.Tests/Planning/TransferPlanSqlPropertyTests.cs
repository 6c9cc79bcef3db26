using System.Text;
using CsCheck;
using Snowferry.Planning;
using Snowferry.Planning.Sql;

namespace Snowferry.Tests.Planning;

/// <summary>Whatever the names and types, the plan's SQL holds user text only inside quoted identifiers.</summary>
public sealed class TransferPlanSqlPropertyTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    private static readonly string[] s_types = ["NUMBER", "FLOAT", "TEXT", "DATE", "TIMESTAMP_TZ", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ", "BOOLEAN", "VARIANT", "TIME"];

    // Quotes, separators, comment and escape starters, and a range of non-ASCII letters; never a control character.
    private static readonly Gen<string> s_names =
        Gen.OneOf(Gen.Char["aZ_9 .\"';-)(/*é中\\"], Gen.Char['\u00A0', '\u07FF']).Array[1, 10].Select(c => new string(c));

    private static readonly Gen<(TableName Table, List<SourceColumn> Columns)> s_tables =
        from parts in s_names.Array[3]
        from names in s_names.Array[1, 6]
        from types in Gen.Int[0, s_types.Length - 1].Array[6]
        from scale in Gen.Int[0, 10]
        select (
            new TableName(new SqlIdentifier(parts[0]), new SqlIdentifier(parts[1]), new SqlIdentifier(parts[2])),
            names.Distinct(StringComparer.Ordinal)
                .Select((n, i) => new SourceColumn(n, s_types[types[i]], s_types[types[i]] == "NUMBER" ? 38 : null, s_types[types[i]] == "NUMBER" ? scale : null, i + 1))
                .ToList());

    [Fact]
    public void Plan_RandomNamesAndTypes_UserTextOnlyInsideQuotedIdentifiers() =>
        s_tables.Sample(
            t =>
            {
                TransferPlan plan;
                try
                {
                    plan = TransferPlanner.Plan(t.Table, t.Columns);
                }
                catch (PlanException ex) when (ex.Code == PlanErrorCode.NoMonthColumn)
                {
                    return;
                }

                HashSet<string> allowed = [.. t.Columns.Select(c => c.Name), t.Table.Database!.Name, t.Table.Schema!.Name, t.Table.Name.Name, TransferPlan.SourceRowsColumn, TransferPlan.TotalRowsColumn];
                foreach (var sql in new[] { plan.Sql, plan.CountSql })
                {
                    var (identifiers, outside) = Tokenize(sql);
                    Assert.All(identifiers, i => Assert.Contains(i, allowed));
                    Assert.Matches("^[A-Z0-9_(),.*=? \\n]*$", outside);
                }

                Assert.Equal(t.Columns.Count, plan.OutputSchema.Count);
            },
            seed: Seed,
            iter: 2000);

    /// <summary>Splits SQL into its quoted identifiers (decoded) and everything outside identifiers and string constants.</summary>
    private static (List<string> Identifiers, string Outside) Tokenize(string sql)
    {
        var identifiers = new List<string>();
        var rest = new StringBuilder();
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] == '"')
            {
                var name = new StringBuilder();
                for (i++; !(sql[i] == '"' && (i + 1 == sql.Length || sql[i + 1] != '"')); i++)
                {
                    name.Append(sql[i]);
                    if (sql[i] == '"')
                    {
                        i++;
                    }
                }

                identifiers.Add(name.ToString());
            }
            else if (sql[i] == '\'')
            {
                // The planner's own constants only ('MONTH', 'UTC', the white-space set, ''); skip to the closing quote.
                for (i++; !(sql[i] == '\'' && (i + 1 == sql.Length || sql[i + 1] != '\'')); i++)
                {
                    if (sql[i] is '\'' or '\\')
                    {
                        i++;
                    }
                }
            }
            else
            {
                rest.Append(sql[i]);
            }
        }

        return (identifiers, rest.ToString());
    }
}
