using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Snowferry.Planning;
using Snowferry.Service.Jobs;
using Snowferry.Testing;

namespace Snowferry.Cli.Tests;

/// <summary>
/// <c>snowferry serve</c> killed with SIGKILL mid-job, then started again on the same state: the job is marked
/// <c>interrupted</c> and what it had started is undone from what it recorded (the upload aborted, the statement
/// cancelled). The local Snowflake's result cache stays on: a statement answered from it is held and cancelled as one
/// that runs.
/// </summary>
public sealed class ServeCrashTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    private const int SigKill = 9;
    private const string Key = "sfk_crash-test-key";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Hash => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));

    [Fact]
    public async Task Kill9_DuringTheUpload_NextStartAbortsItAndMarksTheJobInterrupted()
    {
        await using var proxy = await S3FaultProxy.StartAsync(fixture.S3.ServiceUrl, Ct);
        proxy.EmulateListMultipartUploads = true; // the emulator cannot list open uploads: the proxy answers from its record
        proxy.Arm(S3Operation.UploadPart, S3Fault.Stall);
        using var folder = new TempDirectory();
        var config = ServeProcess.WriteConfig(folder.Path, Hash, fixture.Bucket, TimeSpan.Zero, partSizeMiB: 5);
        var state = Path.Combine(folder.Path, "service.db");

        string id;
        await using (var serve = await ServeProcess.StartAsync(fixture, config, state, Ct, proxy.ServiceUrl))
        {
            using var http = serve.Client(Key);
            // ~100,000 CSV rows: more than one 5 MiB part, so a multipart upload is open when the first part stalls.
            id = await SubmitAsync(http, "kill-upload", """{"format":"csv","key_columns":["O_ORDERKEY"]}""");
            await proxy.Stalled.WaitAsync(Ct);
            await RecordedAsync(state, id, r => r.UploadLocation is not null);
            await serve.SignalAsync(SigKill, Ct);
            await serve.WaitForExitAsync(Ct);
        }

        Assert.NotEmpty(proxy.OpenUploads());
        await using (var again = await ServeProcess.StartAsync(fixture, config, state, Ct, proxy.ServiceUrl))
        {
            var job = await GetAsync(again.Client(Key), id);
            Assert.Equal("failed", job.GetProperty("state").GetString());
            Assert.Equal("interrupted", job.GetProperty("error").GetProperty("code").GetString());
        }

        Assert.Empty(proxy.OpenUploads());
        Assert.Contains(proxy.Records, r => r.Operation == S3Operation.AbortMultipartUpload && r.Status == 204);
        Assert.Empty(await fixture.S3.ListKeysAsync("serve/kill-upload/", Ct));
    }

    [Fact]
    public async Task Kill9_DuringTheQuery_NextStartCancelsTheStatement()
    {
        var faults = fixture.Snowflake.Host.Server.Faults;
        // Only the aggregation (the statement counting source rows per group) is held; the planner's statements run at once.
        faults.DelayStatementsWhere(sql => sql.Contains(TransferPlan.SourceRowsColumn, StringComparison.Ordinal), TimeSpan.FromMinutes(10));
        var cancelled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnCancelled(object? sender, string handle) => cancelled.TrySetResult(handle);
        faults.StatementCancelledByClient += OnCancelled;
        try
        {
            using var folder = new TempDirectory();
            var config = ServeProcess.WriteConfig(folder.Path, Hash, fixture.Bucket, TimeSpan.Zero);
            var state = Path.Combine(folder.Path, "service.db");
            string id;
            JobResources recorded;
            await using (var serve = await ServeProcess.StartAsync(fixture, config, state, Ct))
            {
                id = await SubmitAsync(serve.Client(Key), "kill-query", "{}");
                recorded = await RecordedAsync(state, id, r => r.StatementHandle is not null);
                await serve.SignalAsync(SigKill, Ct);
                await serve.WaitForExitAsync(Ct);
            }

            Assert.False(cancelled.Task.IsCompleted, "nothing may cancel the statement before the service starts again");
            await using var again = await ServeProcess.StartAsync(fixture, config, state, Ct);
            Assert.Equal(recorded.StatementHandle, await cancelled.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct)); // a bound to fail by, not a wait
            var job = await GetAsync(again.Client(Key), id);
            Assert.Equal("interrupted", job.GetProperty("error").GetProperty("code").GetString());
            Assert.Empty(await fixture.S3.ListKeysAsync("serve/kill-query/", Ct));
        }
        finally
        {
            faults.StatementCancelledByClient -= OnCancelled;
            faults.DelayStatementsWhere(null, TimeSpan.Zero);
        }
    }

    private async Task<string> SubmitAsync(HttpClient http, string prefix, string options)
    {
        using var submitted = await http.PostAsync("/v1/transfers", ServeProcess.Body("ORDERS_100K", $"s3://{fixture.Bucket}/serve/{prefix}", options), Ct);
        var body = await submitted.Content.ReadAsStringAsync(Ct);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string id)
    {
        using (http)
        {
            return JsonDocument.Parse(await http.GetStringAsync($"/v1/transfers/{id}", Ct)).RootElement.Clone();
        }
    }

    /// <summary>Reads the service's own job store (as the next start will) until the job has recorded what is asked.</summary>
    private static async Task<JobResources> RecordedAsync(string state, string id, Func<JobResources, bool> until)
    {
        await using var store = new SqliteJobStore(state);
        await store.InitializeAsync(Ct);
        while (true)
        {
            var job = await store.GetAsync(id, Ct);
            if (job is not null && until(job.Resources))
            {
                return job.Resources;
            }

            await Task.Delay(50, Ct); // the service writes it from its own process
        }
    }
}
