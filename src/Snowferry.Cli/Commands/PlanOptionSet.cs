using System.CommandLine;
using Snowferry.Planning;

namespace Snowferry.Cli.Commands;

/// <summary>The column-role options <c>transfer</c> and <c>plan</c> share, and the connection they read from.</summary>
internal sealed class PlanOptionSet
{
    public Option<string[]> Month { get; } = List("--month-column", "A DATE/TIMESTAMP column to aggregate by month (repeat for several). Default: every temporal column.");

    public Option<string[]> Key { get; } = List("--key-column", "A numeric column to group by as it is instead of summing it (e.g. O_ORDERKEY, USERID).");

    public Option<string[]> Keep { get; } = List("--keep-column", "Write only these columns (repeat); the others are left out.");

    public Option<string[]> Drop { get; } = List("--drop-column", "Leave this column out (repeat).");

    public Option<string[]> Epoch { get; } = List("--epoch-column", "A numeric column holding Unix epoch time, aggregated by month like a timestamp.");

    public Option<EpochUnit> EpochUnit { get; } = new("--epoch-unit")
    {
        Description = "Unit of --epoch-column values.",
        DefaultValueFactory = _ => Planning.EpochUnit.Seconds,
    };

    public Option<string?> Connection { get; } = new("--connection", "-c")
    {
        Description = "The connections.toml connection to use (default: SNOWFLAKE_DEFAULT_CONNECTION_NAME, default_connection_name, then 'default').",
    };

    public Option<FileInfo?> ConnectionsFile { get; } = new("--connections-file")
    {
        Description = "Read this connections.toml instead of Snowflake's standard locations.",
    };

    public IEnumerable<Option> All => [Month, Key, Keep, Drop, Epoch, EpochUnit, Connection, ConnectionsFile];

    public TransferPlanOptions PlanOptions(ParseResult parse) => new()
    {
        MonthColumns = parse.GetValue(Month) ?? [],
        KeyColumns = parse.GetValue(Key) ?? [],
        KeepColumns = parse.GetValue(Keep) ?? [],
        DropColumns = parse.GetValue(Drop) ?? [],
        EpochColumns = parse.GetValue(Epoch) ?? [],
        EpochUnit = parse.GetValue(EpochUnit),
    };

    private static Option<string[]> List(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };
}
