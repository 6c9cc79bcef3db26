using System.Text;

namespace Snowferry.Bench;

/// <summary>
/// The cached rows' own table (issue 15's targets): scenario 2 against a result the local Snowflake already holds, so
/// the client's work is all there is. Per row its CPU per million output rows, the CPU beyond the cached wire floor
/// (download, inflate, decode) per million output rows, and its wall time over the floor's. Rows of an older build
/// (<c>run.sh --before</c>, query <c>keys-cached-before</c>) are measured against that build's own floor.
/// </summary>
internal static class CachedReport
{
    /// <summary>The query of the cached rows in runs.tsv.</summary>
    public const string Query = "keys-cached";

    /// <summary>The same rows on the build <c>run.sh --before</c> names.</summary>
    public const string BeforeQuery = Query + "-before";

    public static void Append(StringBuilder md, IReadOnlyList<RunSummary> groups)
    {
        var rows = groups.Where(g => (g.Query is Query or BeforeQuery) && g.Ok > 0 && g.RowsOut > 0).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine()
            .AppendLine("### Against the cached result (scenario 2; the client's CPU alone)")
            .AppendLine()
            .AppendLine("| id | scale | format | wall s (median) | CPU s (median) | CPU s per M rows out | CPU s beyond the cached wire floor per M rows out | wall vs cached wire | rows out/s |")
            .AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in rows)
        {
            var wire = rows.FirstOrDefault(w => w.Kind == "wire" && w.Scale == s.Scale && w.Query == s.Query);
            var millions = s.RowsOut / 1e6;
            md.Append($"| {s.Id} | {s.Scale} | {s.Format} | {ResultsReport.F(s.Wall, 1)} | {ResultsReport.F(s.Cpu, 1)} | ")
                .Append(ResultsReport.F(s.Cpu / millions, 3)).Append(" | ")
                .Append(wire is null || ReferenceEquals(wire, s) ? "-" : ResultsReport.F((s.Cpu - wire.Cpu) / millions, 3)).Append(" | ")
                .Append(wire is null || ReferenceEquals(wire, s) || wire.Wall <= 0 ? "-" : ResultsReport.F(s.Wall / wire.Wall, 2) + "x").Append(" | ")
                .Append(s.Wall > 0 ? ResultsReport.N((long)(s.RowsOut / s.Wall)) : "-").AppendLine(" |");
        }
    }
}
