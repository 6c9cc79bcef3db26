using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Snowferry.Destinations.S3;

namespace Snowferry.Bench;

/// <summary>
/// The service scenario's client: submits N transfers to a running <c>snowferry serve</c>, one after another or all at
/// once (each under its own prefix), waits for each to be final, then downloads every file and hashes it. The wall
/// time is from the first submission to the last final answer; the downloads come after it, since they check the
/// scenario and are no part of it. The service's memory is read from /proc by the harness, not here.
/// </summary>
internal static class ServiceScenario
{
    /// <summary>The client key, from the environment so that it is in no command line the harness echoes.</summary>
    public const string KeyVariable = "SNOWFERRY_BENCH_KEY";

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken cancellationToken)
    {
        var key = Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } k
            ? k
            : throw new ArgumentException($"Set {KeyVariable} to the bench client's key.");
        var jobs = int.Parse(args.Required("jobs"), CultureInfo.InvariantCulture);
        var concurrent = args.Optional("mode") switch
        {
            "concurrent" => true,
            "sequential" or "single" or null => false,
            var other => throw new ArgumentException($"--mode is single, sequential or concurrent, got '{other}'."),
        };
        var destination = args.Required("destination").TrimEnd('/') + "/";
        var table = args.Required("table");
        var keyColumns = args.All("key-column");

        using var http = new HttpClient { BaseAddress = new Uri(args.Required("address")), Timeout = TimeSpan.FromMinutes(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Task<JobOutcome> Run(int i) => RunJobAsync(http, Body(table, $"{destination}{i}/", keyColumns), $"{destination}{i}", cancellationToken);

        var clock = Stopwatch.StartNew();
        JobOutcome[] outcomes;
        if (concurrent)
        {
            outcomes = await Task.WhenAll(Enumerable.Range(1, jobs).Select(Run));
        }
        else
        {
            outcomes = new JobOutcome[jobs];
            for (var i = 0; i < jobs; i++)
            {
                outcomes[i] = await Run(i + 1);
            }
        }

        var wall = clock.Elapsed;
        var hashes = new List<string>();
        using (var s3 = S3ClientFactory.Create())
        {
            foreach (var outcome in outcomes.Where(o => o.Succeeded))
            {
                hashes.Add(await HashAsync(s3, new Uri(destination).Host, outcome.FileName!, cancellationToken));
            }
        }

        // The single run's file is the reference; without one (the single run itself), the first file of this run.
        var reference = args.Optional("reference") is { Length: > 0 } given ? given : hashes.FirstOrDefault() ?? "";
        var first = outcomes.FirstOrDefault(o => o.Succeeded) ?? outcomes[0];
        var succeeded = outcomes.Count(o => o.Succeeded);
        var identical = hashes.Count(h => h == reference);
        var reportedMatch = outcomes.Where(o => o.Succeeded).Zip(hashes).Count(p => p.First.Checksum == "sha256:" + p.Second);
        var output = new JsonObject
        {
            ["jobs"] = jobs,
            ["succeeded"] = succeeded,
            ["identical"] = identical,
            ["reported_checksums_match"] = reportedMatch,
            ["wall"] = Math.Round(wall.TotalSeconds, 2),
            ["rows_in"] = first.SourceRows,
            ["rows_out"] = first.OutputRows,
            ["bytes"] = first.Bytes,
            ["sha256"] = reference,
            ["error"] = outcomes.FirstOrDefault(o => !o.Succeeded)?.Error,
        };
        Console.WriteLine(output.ToJsonString());
        return succeeded == jobs && identical == jobs && reportedMatch == jobs ? 0 : 1;
    }

    private static string Body(string table, string destination, IReadOnlyList<string> keyColumns) => new JsonObject
    {
        ["source_table"] = table,
        ["destination_s3_bucket"] = destination,
        ["options"] = new JsonObject { ["key_columns"] = new JsonArray([.. keyColumns.Select(c => JsonValue.Create(c))]) },
    }.ToJsonString();

    /// <summary>
    /// One job to its end: submitted with <c>Prefer: wait</c>; while the answer is 202 (not final within the wait), the
    /// same body and idempotency key again, which returns the same job and waits anew (no polling, no rate limit).
    /// </summary>
    private static async Task<JobOutcome> RunJobAsync(HttpClient http, string body, string idempotencyKey, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/transfers")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Prefer", "wait=600");
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                continue;
            }

            using var document = JsonDocument.Parse(text);
            var job = document.RootElement;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return JobOutcome.Failed($"HTTP {(int)response.StatusCode}: {Text(job, "code")}: {Text(job, "detail")}");
            }

            if (Text(job, "state") != "succeeded")
            {
                var error = job.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
                return JobOutcome.Failed($"job {Text(job, "state")}: {Text(error, "code")}: {Text(error, "detail")}");
            }

            var report = job.GetProperty("report");
            return new JobOutcome(
                true,
                job.GetProperty("result").GetProperty("file_name").GetString(),
                report.GetProperty("source_rows").GetInt64(),
                report.GetProperty("output_rows").GetInt64(),
                report.GetProperty("bytes").GetInt64(),
                Text(report, "checksum"),
                null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static async Task<string> HashAsync(IAmazonS3 s3, string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
        var hash = await SHA256.HashDataAsync(response.ResponseStream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }

    private sealed record JobOutcome(bool Succeeded, string? FileName, long SourceRows, long OutputRows, long Bytes, string? Checksum, string? Error)
    {
        public static JobOutcome Failed(string error) => new(false, null, 0, 0, 0, null, error.Replace('\t', ' ').Replace('|', ' '));
    }
}
