using System.Text;

namespace Snowferry.Bench;

/// <summary>
/// The service scenario's own table: per row the jobs, the wall time, the service's memory (its settled RSS when idle,
/// else its peak, VmHWM), the per-transfer cost (one transfer's peak minus the idle service of the same run) and the
/// concurrent run's wall time over the sequential one's.
/// </summary>
internal static class ServiceReport
{
    /// <summary>The kind of the service's rows in runs.tsv.</summary>
    public const string Kind = "service";

    public static void Append(StringBuilder md, IReadOnlyList<RunSummary> groups)
    {
        var rows = groups.Where(g => g.Kind == Kind).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine()
            .AppendLine("### snowferry serve")
            .AppendLine()
            .AppendLine("| id | scale | limit | mode | runs ok/N | jobs ok/N | files identical | wall s (median) | concurrent / sequential | service RSS MiB (max) | per-transfer cost MiB | service CPU s (median) | rows out per job | bytes per job | note |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var s in rows)
        {
            var mode = s.Runs[0].Mode;
            var jobs = s.Runs.Sum(r => r.Jobs);
            md.Append($"| {s.Id} | {s.Scale} | {s.Limit} | {mode} | {s.Ok}/{s.Runs.Count} | ")
                .Append(mode == "idle" ? "-" : $"{s.Runs.Sum(r => r.Succeeded)}/{jobs}").Append(" | ")
                .Append(mode == "idle" ? "-" : $"{s.Runs.Sum(r => r.Identical)}/{jobs}").Append(" | ")
                .Append(mode == "idle" ? "-" : ResultsReport.F(s.Wall, 1)).Append(" | ")
                .Append(VersusSequential(s, rows)).Append(" | ")
                .Append(ResultsReport.F(s.PeakRssKib / 1024.0, 0)).Append(" | ")
                .Append(Cost(s, rows)).Append(" | ")
                .Append(mode == "idle" ? "-" : ResultsReport.F(s.Cpu, 1)).Append(" | ")
                .Append(mode == "idle" ? "-" : ResultsReport.N(s.RowsOut)).Append(" | ")
                .Append(mode == "idle" ? "-" : ResultsReport.N(s.Bytes)).Append(" | ")
                .Append(s.Note).AppendLine(" |");
        }

        md.AppendLine()
            .AppendLine("Service RSS: the idle row's settled VmRSS after start-up, every other row's VmHWM (the process's peak) read before it")
            .AppendLine("stopped; each row is its own fresh service except the single transfer, which runs on the idle row's service.")
            .AppendLine("Per-transfer cost: that single transfer's peak minus the idle RSS (the largest over runs). Wall: first submission to")
            .AppendLine("the last job final. Service CPU: user + sys of the service during the row. Files identical: SHA-256 of each")
            .AppendLine("downloaded object equal to the single transfer's file.");
    }

    private static string VersusSequential(RunSummary s, IReadOnlyList<RunSummary> rows)
    {
        if (s.Runs[0].Mode != "concurrent" || s.Ok == 0)
        {
            return "-";
        }

        var sequential = rows.FirstOrDefault(r =>
            r.Scale == s.Scale && r.Limit == s.Limit && r.Runs[0].Mode == "sequential" && r.Runs[0].Jobs == s.Runs[0].Jobs && r.Ok > 0);
        return sequential is null || sequential.Wall <= 0 ? "-" : ResultsReport.F(s.Wall / sequential.Wall, 2) + "x";
    }

    private static string Cost(RunSummary s, IReadOnlyList<RunSummary> rows)
    {
        if (s.Runs[0].Mode != "single")
        {
            return "-";
        }

        var idle = rows.Where(r => r.Scale == s.Scale && r.Limit == s.Limit && r.Runs[0].Mode == "idle").SelectMany(r => r.Runs).ToList();
        var costs = s.Runs
            .Select(run => idle.FirstOrDefault(i => i.Run == run.Run) is { } before ? (run.RssKib - before.RssKib) / 1024.0 : (double?)null)
            .OfType<double>()
            .ToList();
        return costs.Count == 0 ? "-" : ResultsReport.F(costs.Max(), 0);
    }
}
