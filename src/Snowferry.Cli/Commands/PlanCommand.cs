using System.CommandLine;
using Snowferry.Transfer;

namespace Snowferry.Cli.Commands;

/// <summary><c>snowferry plan SOURCE_TABLE</c>: each column's role and the exact SQL, without moving data.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var table = new Argument<string>("SOURCE_TABLE") { Description = "TABLE, SCHEMA.TABLE or DATABASE.SCHEMA.TABLE." };
        var roles = new PlanOptionSet();
        var statementTimeout = StatementTimeoutOption.Create();
        var debug = new Option<bool>("--debug") { Description = "Show stack traces on errors." };
        var command = new Command("plan", "Show which role each column plays and the SQL a transfer would run, moving no data.") { table, statementTimeout, debug };
        foreach (var option in roles.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => CommandErrors.RunAsync(
            async () =>
            {
                var options = new TransferOptions
                {
                    Plan = roles.PlanOptions(parse),
                    StatementTimeout = StatementTimeoutOption.Value(parse, statementTimeout),
                };
                using var dataSource = CliOptions.DataSource(parse, roles);
                var plan = await dataSource.PlanAsync(parse.GetValue(table)!, options, ct).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(CommandErrors.InFlags(plan.Describe())).ConfigureAwait(false);
                return ExitCodes.Success;
            },
            parse.GetValue(debug)));
        return command;
    }
}
