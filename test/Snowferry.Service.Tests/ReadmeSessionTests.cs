using System.Diagnostics;
using System.Text.Json;

namespace Snowferry.Service.Tests;

/// <summary>
/// The README's "Run it as a service" session, run as written (bash, curl, jq) against a running service: what a new
/// user pastes must work. Only the destination changes, to this fixture's bucket and the client's prefix.
/// </summary>
public sealed class ReadmeSessionTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Start = "<!-- service-session -->";
    private const string End = "<!-- /service-session -->";

    [Fact]
    public async Task ReadmeServiceSession_RunsAsWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var readme = await File.ReadAllTextAsync(Repository.File("README.md"), ct);
        var from = readme.IndexOf(Start, StringComparison.Ordinal);
        var to = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "README.md has no service session between its markers.");
        var script = string.Join('\n', readme[(from + Start.Length)..to].Split('\n').Where(l => !l.StartsWith("```", StringComparison.Ordinal)))
            .Replace("s3://stakeholder-bucket/demo/", $"s3://{fixture.Bucket}/acme/", StringComparison.Ordinal);

        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SNOWFERRY_URL"] = fixture.BaseAddress.AbsoluteUri.TrimEnd('/');
        start.Environment["SNOWFERRY_KEY"] = fixture.AcmeKey;
        using var bash = Process.Start(start)!;
        var stdout = bash.StandardOutput.ReadToEndAsync(ct);
        var stderr = bash.StandardError.ReadToEndAsync(ct);
        await bash.WaitForExitAsync(ct);

        Assert.True(bash.ExitCode == 0, $"exit {bash.ExitCode}\n{await stdout}\n{await stderr}");
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var result = JsonDocument.Parse(lines[^1]);
        Assert.Equal(["file_name", "row_count", "timestamp"], result.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("acme/", result.RootElement.GetProperty("file_name").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"succeeded\"", await stdout, StringComparison.Ordinal);
        Assert.NotNull(await fixture.ReadObjectAsync(result.RootElement.GetProperty("file_name").GetString()!, ct));
    }
}
