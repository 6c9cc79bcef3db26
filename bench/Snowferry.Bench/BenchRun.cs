using System.Globalization;

namespace Snowferry.Bench;

/// <summary>
/// One line of the harness's runs.tsv: one process (or, for <c>service</c> rows, one scenario through the service):
/// id, kind, query, scale, format, limit, run, exit, peak RSS KiB, wall s, user s, sys s, rows in, rows out, bytes,
/// note; service rows add mode (idle, single, sequential, concurrent), jobs, jobs succeeded and files identical.
/// </summary>
internal sealed record BenchRun(
    string Id, string Kind, string Query, string Scale, string Format, string Limit, int Run, int Exit, double RssKib, double Wall,
    double Cpu, long RowsIn, long RowsOut, long Bytes, string Note, string Mode, int Jobs, int Succeeded, int Identical)
{
    public static BenchRun Parse(string line)
    {
        var f = line.Split('\t');
        string S(int i) => f.Length > i ? f[i] : "";
        double D(int i) => double.TryParse(S(i), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
        long L(int i) => long.TryParse(S(i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return new BenchRun(
            f[0], f[1], f[2], f[3], f[4], f[5], (int)L(6), (int)L(7), D(8), D(9), D(10) + D(11), L(12), L(13), L(14), S(15),
            S(16), (int)L(17), (int)L(18), (int)L(19));
    }
}
