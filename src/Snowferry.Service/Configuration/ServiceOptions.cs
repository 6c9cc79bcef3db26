namespace Snowferry.Service.Configuration;

/// <summary>
/// The service's configuration, bound from the <c>Snowferry</c> section (JSON file, <c>Snowferry__…</c> environment
/// variables, command line). Everything a request may not choose lives here: the connection, the S3 endpoint, the
/// storage integration, the budgets. Checked once at start-up.
/// </summary>
public sealed class ServiceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Snowferry";

    /// <summary>The connections.toml connection; Snowflake's default-connection rules when null.</summary>
    public string? Connection { get; set; }

    /// <summary>The connections.toml file; Snowflake's locations when null.</summary>
    public string? ConnectionsFile { get; set; }

    /// <summary>An S3-compatible endpoint; <c>AWS_ENDPOINT_URL_S3</c>, else AWS, when null.</summary>
    public string? S3EndpointUrl { get; set; }

    /// <summary>The region of every bucket; each bucket's own when null.</summary>
    public string? S3Region { get; set; }

    /// <summary>The storage integration for <c>mode</c> <c>unload</c> and <c>auto</c>; those modes are refused without one.</summary>
    public string? StorageIntegration { get; set; }

    /// <summary>Multipart part size in MiB for streamed uploads (5-512); memory per transfer grows with it.</summary>
    public int PartSizeMiB { get; set; } = 8;

    /// <summary>The SQLite file holding the jobs (<c>--state</c>).</summary>
    public string State { get; set; } = Path.Combine(".snowferry", "service.db");

    /// <summary>The clients: name → key hashes and allowlists. The service refuses to start without one.</summary>
    public Dictionary<string, ServiceClientOptions> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Memory, in MiB, the running streaming transfers may use together; <see cref="TransferCostMiB"/> each.</summary>
    // Measured (bench/RESULTS.md, svc-*): idle 105 MiB, one transfer +161 MiB; 192 = that plus ~20%, 768 = 4 of them, 105 + 768 ≤ 900 MiB.
    public int MemoryBudgetMiB { get; set; } = 768;

    /// <summary>What one streaming transfer costs, in MiB, against <see cref="MemoryBudgetMiB"/> (measured: bench/RESULTS.md).</summary>
    public int TransferCostMiB { get; set; } = 192;

    /// <summary>Unload jobs running at once (they cost little here: Snowflake writes the files).</summary>
    public int MaxUnloadJobs { get; set; } = 16;

    /// <summary>How long finished jobs are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A job running longer is cancelled with the problem <c>timeout</c>.</summary>
    public TimeSpan MaxJobDuration { get; set; } = TimeSpan.FromHours(6);

    /// <summary>On SIGTERM, how long running jobs may finish before they are cancelled.</summary>
    public TimeSpan DrainPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests per minute per client on <c>/v1</c>.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Where <c>/metrics</c> (Prometheus text) is served: a separate address, loopback by default, never the public one;
    /// empty to serve no metrics. Needs an explicit port.
    /// </summary>
    public string ManagementUrl { get; set; } = "http://127.0.0.1:9464";

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 64 * 1024;
}
