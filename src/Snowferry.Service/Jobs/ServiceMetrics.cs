using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Snowferry.Service.Jobs;

/// <summary>
/// The service's meter, <c>Snowferry.Service</c>, beside the library's <c>Snowferry</c>: jobs submitted and finished by
/// state, their rows, bytes and durations, and how many wait and run now. Exported in Prometheus text on the management
/// URL only.
/// </summary>
internal sealed class ServiceMetrics : IDisposable
{
    public const string MeterName = "Snowferry.Service";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _finished;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _duration;

    public ServiceMetrics(JobScheduler scheduler)
    {
        _submitted = _meter.CreateCounter<long>("snowferry.service.jobs.submitted", "{job}", "Jobs accepted.");
        _finished = _meter.CreateCounter<long>("snowferry.service.jobs.finished", "{job}", "Jobs that reached a final state, by state and problem code.");
        _rows = _meter.CreateCounter<long>("snowferry.service.rows", "{row}", "Rows written by succeeded jobs.");
        _bytes = _meter.CreateCounter<long>("snowferry.service.bytes", "By", "Bytes written by succeeded jobs.");
        _duration = _meter.CreateHistogram<double>("snowferry.service.job.duration", "s", "Time from start to a final state.");
        _meter.CreateObservableGauge("snowferry.service.jobs.queued", () => scheduler.QueueLength, "{job}", "Jobs waiting to run in this process.");
        _meter.CreateObservableGauge("snowferry.service.jobs.running", () => scheduler.RunningCount, "{job}", "Jobs running in this process.");
        scheduler.JobFinished += (_, outcome) => Finished(outcome);
    }

    public void Submitted() => _submitted.Add(1);

    private void Finished(JobOutcome outcome)
    {
        var tags = new TagList { { "state", outcome.State.ToString().ToLowerInvariant() }, { "code", outcome.Code ?? "" } };
        _finished.Add(1, tags);
        _duration.Record(outcome.Duration.TotalSeconds, tags);
        if (outcome.State == JobState.Succeeded)
        {
            _rows.Add(outcome.Rows);
            _bytes.Add(outcome.Bytes);
        }
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>How a job ended in this process: its final state, its problem's code, what it wrote, how long it ran.</summary>
internal sealed record JobOutcome(JobState State, string? Code, long Rows, long Bytes, TimeSpan Duration);
