using System.Net;
using Snowferry.Planning;
using static Snowferry.Service.Tests.ServiceHttp;

namespace Snowferry.Service.Tests.Jobs;

/// <summary>A service whose jobs may run two seconds.</summary>
public sealed class ShortJobsServiceFixture : ServiceFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Snowferry:MaxJobDuration"] = "00:00:02" };
}

/// <summary>
/// A job held past its duration by a delayed statement. The result cache stays on: the delay holds a statement answered
/// from it too.
/// </summary>
public sealed class JobTimeoutTests(ShortJobsServiceFixture fixture) : IClassFixture<ShortJobsServiceFixture>
{
    [Fact]
    public async Task Job_LongerThanMaxJobDuration_IsCancelledAndFailsAsTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = fixture.Http(fixture.AcmeKey);
        // Only the aggregation is held (the planner's statements run at once), far longer than the job may run.
        fixture.Snowflake.Server.Faults.DelayStatementsWhere(sql => sql.Contains(TransferPlan.SourceRowsColumn, StringComparison.Ordinal), TimeSpan.FromMinutes(10));
        try
        {
            var job = await RunAsync(http, TransferBody("ORDERS_100K", $"s3://{fixture.Bucket}/acme/slow"), ct, waitSeconds: 60);

            Assert.Equal("failed", job.GetProperty("state").GetString());
            var error = job.GetProperty("error");
            Assert.Equal("timeout", error.GetProperty("code").GetString());
            Assert.Contains("MaxJobDuration", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Empty(await fixture.ListKeysAsync("acme/slow", ct));
            Assert.Equal(0, await fixture.OpenUploadsAsync("acme/slow", ct));
            using var result = await http.GetAsync($"/v1/transfers/{job.GetProperty("id").GetString()}/result", ct);
            await ProblemAsync(result, HttpStatusCode.UnprocessableEntity, "timeout", ct);
        }
        finally
        {
            fixture.Snowflake.Server.Faults.DelayStatementsWhere(null, TimeSpan.Zero);
        }
    }
}
