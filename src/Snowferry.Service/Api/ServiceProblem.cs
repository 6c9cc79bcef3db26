using System.Globalization;
using System.Text.Json;

namespace Snowferry.Service.Api;

/// <summary>
/// An RFC 9457 problem: <c>type</c> (<c>/problems/&lt;code&gt;</c>, documented in docs/PROBLEMS.md), <c>title</c>,
/// <c>status</c>, <c>detail</c>, <c>code</c>, and <c>job_id</c> where a job is concerned.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">The stable, machine-readable code.</param>
/// <param name="Title">Short and the same for every problem of the code.</param>
/// <param name="Detail">What is wrong and what to do, for this occurrence.</param>
public sealed record ServiceProblem(int Status, string Code, string Title, string Detail)
{
    /// <summary>The job concerned.</summary>
    public string? JobId { get; init; }

    /// <summary>Sent as <c>Retry-After</c> (whole seconds).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The problem as <c>application/problem+json</c>.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteTo(json);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the problem object.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("type", "/problems/" + Code);
        json.WriteString("title", Title);
        json.WriteNumber("status", Status);
        json.WriteString("detail", Detail);
        json.WriteString("code", Code);
        if (JobId is not null)
        {
            json.WriteString("job_id", JobId);
        }

        json.WriteEndObject();
    }

    /// <summary>Reads a problem written by <see cref="ToJson"/> (a job's stored error).</summary>
    public static ServiceProblem Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ServiceProblem(
            root.GetProperty("status").GetInt32(),
            root.GetProperty("code").GetString()!,
            root.GetProperty("title").GetString()!,
            root.GetProperty("detail").GetString()!)
        {
            JobId = root.TryGetProperty("job_id", out var id) ? id.GetString() : null,
        };
    }

    internal string? RetryAfterHeader => RetryAfter is { } after
        ? Math.Max(1, (long)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
        : null;
}
