using Microsoft.Extensions.Hosting;
using Snowferry.LocalSnowflake.Hosting;
using Snowferry.Service.Authentication;
using Snowferry.Service.Hosting;
using Spectre.Console;

namespace Snowferry.Cli.Commands;

/// <summary>
/// <c>snowferry demo --serve</c>: the HTTP service over the demo's local servers, with one demo client whose fresh key is
/// printed, until Ctrl-C. The state lives in a temporary folder, gone when the demo stops.
/// </summary>
internal static class DemoService
{
    public const string Client = "demo";

    public static async Task<int> RunAsync(IAnsiConsole console, LocalSnowflakeHost snowflake, string bucket, string urls, CancellationToken cancellationToken)
    {
        var key = ClientKeys.NewKey();
        var state = Directory.CreateTempSubdirectory("snowferry-demo-service-");
        try
        {
            var app = await SnowferryServiceApp.BuildAsync(
                new ServiceStartOptions
                {
                    Urls = urls,
                    StateFile = Path.Combine(state.FullName, "service.db"),
                    Overrides = new Dictionary<string, string?>
                    {
                        ["Snowferry:Connection"] = snowflake.ConnectionName,
                        ["Snowferry:ConnectionsFile"] = snowflake.ConnectionsFilePath,
                        ["Snowferry:ManagementUrl"] = "",
                        [$"Snowferry:Clients:{Client}:KeyHash"] = ClientKeys.Hash(key),
                        [$"Snowferry:Clients:{Client}:AllowedTables:0"] = "*",
                        [$"Snowferry:Clients:{Client}:AllowedDestinations:0"] = $"s3://{bucket}/{Client}/",
                        ["Logging:LogLevel:Default"] = "Warning",
                    },
                },
                cancellationToken).ConfigureAwait(false);
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                var address = app.Urls.First().TrimEnd('/');
                console.WriteLine();
                console.MarkupLineInterpolated($"[bold]snowferry serve[/] at [blue]{address}[/] (API reference at {address}/docs), client [green]{Client}[/]: tables *, destination s3://{bucket}/{Client}/");
                // Plain stdout: lines to paste into a shell.
                await Console.Out.WriteLineAsync($"export SNOWFERRY_URL={address} SNOWFERRY_KEY={key}").ConfigureAwait(false);
                console.MarkupLine("Try the curl session of the README's \"Run it as a service\". Ctrl-C stops the service and both servers.");
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            state.Delete(recursive: true);
        }

        return ExitCodes.Success;
    }
}
