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
            .Select(Parse)
            .ToList();
        var groups = runs.GroupBy(r => r.Id).Select(g => Summary.Of(g.ToList())).ToList();
        Summary? Find(string kind, string query, string scale, string limit = "none") =>
            groups.FirstOrDefault(s => s.Kind == kind && s.Query == query && s.Scale == scale && s.Limit == limit && s.Ok > 0);

        var md = new StringBuilder();
        if (args.Optional("meta") is { } meta)
        {
            md.Append(File.ReadAllText(meta)).AppendLine();
        }

        md.AppendLine("| id | process | scale | format | limit | runs ok/N | wall s (median) | peak RSS MiB (max) | CPU s (median) | rows in | rows out | bytes | rows out/s | wall vs wire | wall vs engine | naive RSS / this | note |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var s in groups)
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

        File.WriteAllText(args.Required("out"), md.ToString());
        Console.Write(md.ToString());
        return 0;
    }

    private static string Ratio(Summary s, Summary? reference, Func<Summary, double> value) =>
        reference is null || s.Ok == 0 || ReferenceEquals(s, reference) || value(reference) <= 0
            ? "-"
            : F(value(s) / value(reference), 2) + "x";

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(s_inv), s_inv);

    private static string N(long value) => value.ToString("N0", s_inv);

    private static BenchRun Parse(string line)
    {
        var f = line.Split('\t');
        double D(int i) => double.TryParse(f[i], NumberStyles.Float, s_inv, out var v) ? v : 0;
        long L(int i) => long.TryParse(f[i], NumberStyles.Integer, s_inv, out var v) ? v : 0;
        return new BenchRun(f[0], f[1], f[2], f[3], f[4], f[5], (int)L(7), D(8), D(9), D(10) + D(11), L(12), L(13), L(14), f.Length > 15 ? f[15] : "");
    }

    private sealed record BenchRun(
        string Id, string Kind, string Query, string Scale, string Format, string Limit, int Exit, double RssKib, double Wall, double Cpu,
        long RowsIn, long RowsOut, long Bytes, string Note);

    private sealed record Summary(
        string Id, string Kind, string Query, string Scale, string Format, string Limit, IReadOnlyList<BenchRun> Runs, int Ok,
        double Wall, double Cpu, double PeakRssKib, long RowsIn, long RowsOut, long Bytes, string Note)
    {
        public static Summary Of(IReadOnlyList<BenchRun> runs)
        {
            var first = runs[0];
            var ok = runs.Where(r => r.Exit == 0).ToList();
            var basis = ok.Count > 0 ? ok : runs.ToList();
            var notes = string.Join("; ", runs.Select(r => r.Note).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal));
            return new Summary(
                first.Id, first.Kind, first.Query, first.Scale, first.Format, first.Limit, runs, ok.Count,
                Median(basis.Select(r => r.Wall)), Median(basis.Select(r => r.Cpu)), runs.Max(r => r.RssKib),
                basis[0].RowsIn, basis[0].RowsOut, basis[0].Bytes, notes);
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}
