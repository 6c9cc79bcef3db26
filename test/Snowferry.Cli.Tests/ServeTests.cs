using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Snowferry.Testing;

namespace Snowferry.Cli.Tests;

/// <summary>
/// <c>snowferry serve</c> as users run it: a key, a refusal to start, and a drain on SIGTERM. The local Snowflake's result
/// cache stays on: the statement delay holds a cached answer too.
/// </summary>
public sealed class ServeTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    private const int SigTerm = 15;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewKey_PrintsARandomKeyAndItsSha256()
    {
        var first = await fixture.RunAsync("serve", "new-key");
        var second = await fixture.RunAsync("serve", "new-key");

        Assert.Equal(0, first.ExitCode);
        var key = first.StdoutLines.Single(l => l.StartsWith("key:", StringComparison.Ordinal))["key:".Length..].Trim();
        var hash = first.StdoutLines.Single(l => l.StartsWith("hash:", StringComparison.Ordinal))["hash:".Length..].Trim();
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), hash);
        Assert.True(key.Length >= 40, key);
        Assert.NotEqual(first.Stdout, second.Stdout);
    }

    [Fact]
    public async Task Serve_NoClientConfigured_RefusesToStartSayingWhat()
    {
        using var folder = new TempDirectory();
        var config = Path.Combine(folder.Path, "empty.json");
        await File.WriteAllTextAsync(config, """{"Snowferry":{"ManagementUrl":""}}""", Ct);

        var result = await fixture.RunAsync("serve", "--config", config, "--state", Path.Combine(folder.Path, "s.db"), "--urls", "http://127.0.0.1:0");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("No client is configured", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AKeyPastedAsItsHash_RefusesToStartWithoutEchoingIt()
    {
        using var folder = new TempDirectory();
        var config = ServeProcess.WriteConfig(folder.Path, "sfk_this-is-a-key-not-a-hash", fixture.Bucket, TimeSpan.Zero);

        var result = await fixture.RunAsync("serve", "--config", config, "--state", Path.Combine(folder.Path, "s.db"), "--urls", "http://127.0.0.1:0");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'acme'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sfk_this-is-a-key-not-a-hash", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SigtermWhileAJobRuns_StopsAdmittingLetsItFinishAndExitsZero()
    {
        using var folder = new TempDirectory();
        var key = "sfk_sigterm-test-key";
        var config = ServeProcess.WriteConfig(folder.Path, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), fixture.Bucket, TimeSpan.FromMinutes(2));
        var state = Path.Combine(folder.Path, "service.db");
        string id;
        await using (var serve = await ServeProcess.StartAsync(fixture, config, state, Ct))
        {
            using var http = serve.Client(key);
            fixture.Snowflake.Host.Server.Faults.StatementDelay = TimeSpan.FromSeconds(2);
            try
            {
                using var submitted = await http.PostAsync("/v1/transfers", ServeProcess.Body("ORDERS_100K", $"s3://{fixture.Bucket}/serve/drain"), Ct);
                Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
                id = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString()!;
                await WaitForStateAsync(http, id, "running");

                await serve.SignalAsync(SigTerm, Ct);
                // Draining: new transfers are refused, the running one goes on.
                HttpResponseMessage refused;
                do
                {
                    refused = await http.PostAsync("/v1/transfers", ServeProcess.Body("ORDERS_100K", $"s3://{fixture.Bucket}/serve/late"), Ct);
                }
                while (refused.StatusCode == HttpStatusCode.Accepted && !serve.HasExited);

                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Contains("shutting_down", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
                refused.Dispose();
                var (exitCode, stderr) = await serve.WaitForExitAsync(Ct);
                Assert.True(exitCode == 0, stderr);
            }
            finally
            {
                fixture.Snowflake.Host.Server.Faults.StatementDelay = TimeSpan.Zero;
            }
        }

        Assert.NotEmpty(await fixture.S3.ListKeysAsync("serve/drain/", Ct));
        await using var again = await ServeProcess.StartAsync(fixture, config, state, Ct);
        using var check = again.Client(key);
        var job = JsonDocument.Parse(await check.GetStringAsync($"/v1/transfers/{id}", Ct)).RootElement;
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
    }

    private static async Task WaitForStateAsync(HttpClient http, string id, string state)
    {
        while (JsonDocument.Parse(await http.GetStringAsync($"/v1/transfers/{id}", Ct)).RootElement.GetProperty("state").GetString() != state)
        {
            await Task.Delay(50, Ct); // polling the API as a client does
        }
    }
}
