using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Snowferry.Service.Authentication;
using Snowferry.Service.Configuration;
using Snowferry.Service.Hosting;

namespace Snowferry.Cli.Commands;

/// <summary>
/// <c>snowferry serve</c>: the HTTP service, until SIGTERM or Ctrl-C (then it drains and exits 0); <c>snowferry serve
/// new-key</c>: a client key and the hash to configure for it.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen, e.g. http://127.0.0.1:8080 (the default: loopback only)." };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON configuration file (the Snowferry section: Connection, Clients, budgets); see docs/SERVICE.md." };
        var state = new Option<FileInfo?>("--state") { Description = "The SQLite file holding the jobs (default .snowferry/service.db)." };
        var command = new Command("serve", "Run the HTTP service: transfers as durable jobs behind client keys and allowlists (see docs/SERVICE.md).")
        {
            urls, config, state, NewKey(),
        };
        // Further ASP.NET Core settings pass through (--Snowferry:DrainPeriod=00:01:00, --Kestrel:...).
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CommandErrors.RunAsync(
            async () =>
            {
                var start = new ServiceStartOptions
                {
                    Urls = parse.GetValue(urls),
                    ConfigFile = parse.GetValue(config)?.FullName,
                    StateFile = parse.GetValue(state)?.FullName,
                    Args = [.. parse.UnmatchedTokens],
                };
                WebApplication app;
                try
                {
                    app = await SnowferryServiceApp.BuildAsync(start, ct).ConfigureAwait(false);
                }
                catch (ServiceConfigurationException e)
                {
                    await Console.Error.WriteLineAsync($"snowferry: error: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.Configuration;
                }

                await using (app.ConfigureAwait(false))
                {
                    await app.StartAsync(ct).ConfigureAwait(false);
                    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                    await Console.Error.WriteLineAsync($"snowferry serve: listening on {string.Join(", ", addresses)} (docs at /docs); SIGTERM or Ctrl-C drains and stops.")
                        .ConfigureAwait(false);
                    // A signal cancels ct (Program.cs), and WaitForShutdownAsync then stops the host gracefully: admission stops,
                    // running jobs get the drain period, queued ones stay queued.
                    await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            },
            debug: false));
        return command;
    }

    private static Command NewKey()
    {
        var command = new Command("new-key", "Print a new random client key and the KeyHash to configure for it (give the key to the client, keep only the hash).");
        command.SetAction(async (_, _) =>
        {
            var key = ClientKeys.NewKey();
            await Console.Out.WriteLineAsync($"key:  {key}").ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"hash: {ClientKeys.Hash(key)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
