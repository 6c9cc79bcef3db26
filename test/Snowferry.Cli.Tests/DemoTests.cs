using System.Text.Json;

namespace Snowferry.Cli.Tests;

/// <summary>
/// The README quickstart: <c>snowferry demo</c> (what <c>./scripts/demo.sh</c> runs) starts its own local Snowflake and S3
/// server, transfers the three sample tables and prints each result JSON; it takes a few seconds at its default scale.
/// </summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_DefaultScale_PrintsThreeResultJsonsAndExits0()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), TestContext.Current.CancellationToken, "demo");

        Assert.True(result.ExitCode == 0, result.ToString());
        var results = result.StdoutLines.Where(l => l.StartsWith("{\"file_name\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, results.Count);
        string[] tables = ["LOCATIONS_595", "ORDERS_100K", "MOVIE_RATINGS_27M"];
        for (var i = 0; i < tables.Length; i++)
        {
            using var json = JsonDocument.Parse(results[i]);
            Assert.Equal(["file_name", "row_count", "timestamp"], json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.StartsWith($"{tables[i]}/{tables[i]}_", json.RootElement.GetProperty("file_name").GetString(), StringComparison.Ordinal);
            Assert.True(json.RootElement.GetProperty("row_count").GetInt64() > 0);
        }

        Assert.Contains("Done.", result.Stdout, StringComparison.Ordinal);
    }
}
