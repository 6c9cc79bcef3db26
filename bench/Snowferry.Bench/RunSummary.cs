namespace Snowferry.Bench;

/// <summary>The runs of one id: medians of wall and CPU time over the runs that succeeded, the maximum peak RSS.</summary>
internal sealed record RunSummary(
    string Id, string Kind, string Query, string Scale, string Format, string Limit, IReadOnlyList<BenchRun> Runs, int Ok,
    double Wall, double Cpu, double PeakRssKib, long RowsIn, long RowsOut, long Bytes, string Note)
{
    public static RunSummary Of(IReadOnlyList<BenchRun> runs)
    {
        var first = runs[0];
        var ok = runs.Where(r => r.Exit == 0).ToList();
        var basis = ok.Count > 0 ? ok : runs.ToList();
        var notes = string.Join("; ", runs.Select(r => r.Note).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal));
        return new RunSummary(
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
