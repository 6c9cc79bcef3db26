using System.Net;
using System.Text.Json;
using static Snowferry.Service.Tests.ServiceHttp;

namespace Snowferry.Service.Tests.Jobs;

/// <summary>
/// Queueing by memory, the client's active-job limit, cancel mid-run, and a restart with jobs in flight; the local
/// Snowflake's result cache on (<see cref="SlowServiceFixture"/>).
/// </summary>
public sealed class JobLifecycleTests(SlowServiceFixture fixture) : IClassFixture<SlowServiceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> SubmitAsync(HttpClient http, string prefix)
    {
        using var response = await http.PostAsync("/v1/transfers", TransferBody("ORDERS_100K", $"s3://snowferry-test/acme/{prefix}"), Ct);
        var job = await BodyAsync(response, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, job.ToString());
        return job;
    }

    private static async Task<JsonElement> PollAsync(HttpClient http, string id, Func<JsonElement, bool> until)
    {
        while (true)
        {
            using var response = await http.GetAsync($"/v1/transfers/{id}", Ct);
            var job = await BodyAsync(response, Ct);
            if (until(job))
            {
                return job;
            }

            await Task.Delay(50, Ct); // polling the API as a client does; the assertion is on the state reached
        }
    }

    private static bool Final(JsonElement job) => job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled";

    [Fact]
    public async Task Lifecycle_QueueByMemory_LimitPerClient_CancelMidRun_RestartKeepsQueued()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        fixture.StatementDelay = TimeSpan.FromMinutes(10);
        try
        {
            // One slot: the first runs (held in Snowflake), the second waits for memory, a third is beyond MaxActiveJobs.
            var first = await SubmitAsync(http, "first");
            var second = await SubmitAsync(http, "second");
            var firstId = first.GetProperty("id").GetString()!;
            var secondId = second.GetProperty("id").GetString()!;
            await PollAsync(http, firstId, j => j.GetProperty("state").GetString() == "running");
            using (var third = await http.PostAsync("/v1/transfers", TransferBody("ORDERS_100K", "s3://snowferry-test/acme/third"), Ct))
            {
                var problem = await ProblemAsync(third, HttpStatusCode.TooManyRequests, "queue_full", Ct);
                Assert.NotNull(third.Headers.RetryAfter);
                Assert.Contains("MaxActiveJobs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            using (var queued = await http.GetAsync($"/v1/transfers/{secondId}", Ct))
            {
                Assert.Equal("queued", (await BodyAsync(queued, Ct)).GetProperty("state").GetString());
            }

            using (var notFinished = await http.GetAsync($"/v1/transfers/{firstId}/result", Ct))
            {
                await ProblemAsync(notFinished, HttpStatusCode.Conflict, "not_finished", Ct);
                Assert.NotNull(notFinished.Headers.RetryAfter);
            }

            // Cancel the running one: 202 while cancelling, then cancelled; nothing at its prefix, no open upload.
            using (var cancel = await http.PostAsync($"/v1/transfers/{firstId}/cancel", null, Ct))
            {
                Assert.True(cancel.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, cancel.StatusCode.ToString());
            }

            var cancelled = await PollAsync(http, firstId, Final);
            Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
            Assert.Equal("cancelled", cancelled.GetProperty("error").GetProperty("code").GetString());
            using (var result = await http.GetAsync($"/v1/transfers/{firstId}/result", Ct))
            {
                await ProblemAsync(result, HttpStatusCode.Conflict, "cancelled", Ct);
            }

            Assert.Empty(await fixture.ListKeysAsync("acme/first", Ct));
            Assert.Equal(0, await fixture.OpenUploadsAsync("acme/first", Ct));

            // The second now runs (held). Stop the service with no drain period: the running job is interrupted, and a
            // job queued behind it stays queued across the restart and then runs.
            await PollAsync(http, secondId, j => j.GetProperty("state").GetString() == "running");
            var third2 = await SubmitAsync(http, "afterrestart");
            var thirdId = third2.GetProperty("id").GetString()!;
            await fixture.StopAsync();
            fixture.StatementDelay = TimeSpan.Zero;
            await fixture.RestartAsync(Ct);
            using var again = fixture.Http(fixture.AcmeKey);

            var interrupted = await PollAsync(again, secondId, Final);
            Assert.Equal("failed", interrupted.GetProperty("state").GetString());
            Assert.Equal("interrupted", interrupted.GetProperty("error").GetProperty("code").GetString());
            Assert.Empty(await fixture.ListKeysAsync("acme/second", Ct));
            Assert.Equal(0, await fixture.OpenUploadsAsync("acme/second", Ct));

            var ran = await PollAsync(again, thirdId, Final);
            Assert.Equal("succeeded", ran.GetProperty("state").GetString());
            Assert.NotEmpty(await fixture.ListKeysAsync("acme/afterrestart", Ct));
        }
        finally
        {
            fixture.StatementDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Cancel_AQueuedJob_IsCancelledAtOnceAndNeverRuns()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        fixture.StatementDelay = TimeSpan.FromMinutes(10);
        try
        {
            var running = await SubmitAsync(http, "holder");
            var queued = await SubmitAsync(http, "waiting");
            var runningId = running.GetProperty("id").GetString()!;
            var queuedId = queued.GetProperty("id").GetString()!;
            await PollAsync(http, runningId, j => j.GetProperty("state").GetString() == "running");

            using var cancel = await http.PostAsync($"/v1/transfers/{queuedId}/cancel", null, Ct);
            var job = await BodyAsync(cancel, Ct);
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Equal("cancelled", job.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, job.GetProperty("started_at").ValueKind);

            using var cancelHolder = await http.PostAsync($"/v1/transfers/{runningId}/cancel", null, Ct);
            await PollAsync(http, runningId, Final);
        }
        finally
        {
            fixture.StatementDelay = TimeSpan.Zero;
        }
    }
}
