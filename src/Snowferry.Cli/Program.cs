using System.CommandLine;
using Snowferry.Cli.Commands;

var root = new RootCommand("snowferry: hands a Snowflake table to a stakeholder's S3 bucket, blank rows dropped, aggregated by month.")
{
    TransferCommand.Create(),
    PlanCommand.Create(),
    DemoCommand.Create(),
    LocalSnowflakeCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
