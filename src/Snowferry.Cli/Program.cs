using System.CommandLine;
using Snowferry.Cli.Commands;

var root = new RootCommand("snowferry: hands a Snowflake table to a stakeholder's S3 bucket, blank rows dropped, aggregated by month.")
{
    TransferCommand.Create(),
    UnloadCommand.Create(),
    PlanCommand.Create(),
    DemoCommand.Create(),
    LocalSnowflakeCommand.Create(),
};
ExitCodesHelpAction.Install(root);

var parse = root.Parse(args);
// `snowferry transfer --help` must show help, not complain that the arguments --help made unnecessary are missing.
if (parse.Errors.Count > 0 && parse.Action is not ExitCodesHelpAction)
{
    // Usage mistakes get their own exit code, apart from failures of a transfer that was correctly asked for.
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"snowferry: {error.Message}").ConfigureAwait(false);
    }

    await Console.Error.WriteLineAsync("Run 'snowferry --help' (or 'snowferry <command> --help') for usage.").ConfigureAwait(false);
    return ExitCodes.Usage;
}

return await parse.InvokeAsync().ConfigureAwait(false);
