using System.Globalization;
using System.Text;

namespace Snowferry.Bench;

/// <summary>
/// Turns the harness's runs (one TSV line per process: id, kind, query, scale, format, limit, run, exit, peak RSS KiB,
/// wall s, user s, sys s, rows in, rows out, bytes, note) into a Markdown table of medians and ratios.
/// </summary>
internal static class ResultsReport
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static int Run(BenchArgs args)
    {
        var runs = File.ReadLines(args.Required("runs"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(BenchRun.Parse)
            .ToList();
        var groups = runs.GroupBy(r => r.Id).Select(g => RunSummary.Of(g.ToList())).ToList();
        RunSummary? Find(string kind, string query, string scale, string limit = "none") =>
            groups.FirstOrDefault(s => s.Kind == kind && s.Query == query && s.Scale == scale && s.Limit == limit && s.Ok > 0);

        var md = new StringBuilder();
        if (args.Optional("meta") is { } meta)
        {
            md.Append(File.ReadAllText(meta)).AppendLine();
        }

        md.AppendLine("| id | process | scale | format | limit | runs ok/N | wall s (median) | peak RSS MiB (max) | CPU s (median) | rows in | rows out | bytes | rows out/s | wall vs wire | wall vs engine | naive RSS / this | note |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var s in groups.Where(g => g.Kind != ServiceReport.Kind))
        {
            var wire = Find("wire", s.Query, s.Scale);
            var engine = Find("engine", s.Query, s.Scale);
            var naive = Find("naive", "default", s.Scale);
            md.Append(s_inv, $"| {s.Id} | {s.Kind} | {s.Scale} | {s.Format} | {s.Limit} | {s.Ok}/{s.Runs.Count} | ")
                .Append(s.Ok > 0 ? F(s.Wall, 1) : "-").Append(" | ")
                .Append(F(s.PeakRssKib / 1024.0, 0)).Append(" | ")
                .Append(s.Ok > 0 ? F(s.Cpu, 1) : "-").Append(" | ")
                .Append(N(s.RowsIn)).Append(" | ").Append(N(s.RowsOut)).Append(" | ").Append(N(s.Bytes)).Append(" | ")
                .Append(s.Ok > 0 && s.Wall > 0 ? N((long)(s.RowsOut / s.Wall)) : "-").Append(" | ")
                .Append(Ratio(s, wire, x => x.Wall)).Append(" | ")
                .Append(Ratio(s, engine, x => x.Wall)).Append(" | ")
                .Append(naive is not null && s.Ok > 0 && s.Kind != "naive" && s.Query == "default" ? F(naive.PeakRssKib / s.PeakRssKib, 1) + "x" : "-")
                .Append(" | ").Append(s.Note).AppendLine(" |");
        }

        CachedReport.Append(md, groups);
        ServiceReport.Append(md, groups);
        File.WriteAllText(args.Required("out"), md.ToString());
        Console.Write(md.ToString());
        return 0;
    }

    private static string Ratio(RunSummary s, RunSummary? reference, Func<RunSummary, double> value) =>
        reference is null || s.Ok == 0 || ReferenceEquals(s, reference) || value(reference) <= 0
            ? "-"
            : F(value(s) / value(reference), 2) + "x";

    internal static string F(double value, int digits) => value.ToString("F" + digits.ToString(s_inv), s_inv);

    internal static string N(long value) => value.ToString("N0", s_inv);
}
