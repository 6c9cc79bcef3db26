using System.Diagnostics.Metrics;

namespace Snowferry.Transfer;

/// <summary>
/// The data source's <see cref="Meter"/> <c>Snowferry</c>: transfers started, succeeded and failed, rows and bytes
/// written, and how long transfers took. Tagged by mode only (a table name per tag would grow without bound).
/// </summary>
internal sealed class TransferMetrics : IDisposable
{
    public const string MeterName = "Snowferry";

    private readonly Meter _meter;
    private readonly Counter<long> _started;
    private readonly Counter<long> _succeeded;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _duration;

    public TransferMetrics()
    {
        _meter = new Meter(MeterName, TransferVersion.Current);
        _started = _meter.CreateCounter<long>("snowferry.transfers.started", "{transfer}", "Transfers started.");
        _succeeded = _meter.CreateCounter<long>("snowferry.transfers.succeeded", "{transfer}", "Transfers whose data (and manifest) were committed.");
        _failed = _meter.CreateCounter<long>("snowferry.transfers.failed", "{transfer}", "Transfers that failed or were cancelled; nothing of theirs was published.");
        _rows = _meter.CreateCounter<long>("snowferry.rows.written", "{row}", "Output rows committed.");
        _bytes = _meter.CreateCounter<long>("snowferry.bytes.written", "By", "Bytes of data files committed.");
        _duration = _meter.CreateHistogram<double>("snowferry.transfer.duration", "s", "Time from a transfer's start to its end, failed ones included.");
    }

    public Meter Meter => _meter;

    public void Started() => _started.Add(1);

    public void Succeeded(TransferReport report, TimeSpan elapsed)
    {
        var mode = new KeyValuePair<string, object?>("snowferry.mode", report.Mode == Unload.TransferMode.Unload ? "unload" : "stream");
        _succeeded.Add(1, mode);
        _rows.Add(report.OutputRows, mode);
        _bytes.Add(report.Bytes, mode);
        _duration.Record(elapsed.TotalSeconds, mode, new("snowferry.outcome", "succeeded"));
    }

    public void Failed(Exception error, TimeSpan elapsed)
    {
        var outcome = error is OperationCanceledException ? "cancelled" : "failed";
        _failed.Add(1, new KeyValuePair<string, object?>("snowferry.outcome", outcome));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("snowferry.outcome", outcome));
    }

    public void Dispose() => _meter.Dispose();
}
