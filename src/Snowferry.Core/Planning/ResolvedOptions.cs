using Snowferry.Planning.Sql;

namespace Snowferry.Planning;

/// <summary>
/// <see cref="TransferPlanOptions"/> checked against the table: every name parsed with the identifier rules and found
/// among the columns, no column in two roles. Throws the first problem found, naming the option as a library user sets
/// it (the CLI maps the names to its flags).
/// </summary>
internal sealed class ResolvedOptions
{
    private const string MonthOption = "TransferPlanOptions.MonthColumns";
    private const string KeyOption = "TransferPlanOptions.KeyColumns";
    private const string KeepOption = "TransferPlanOptions.KeepColumns";
    private const string DropOption = "TransferPlanOptions.DropColumns";
    private const string EpochOption = "TransferPlanOptions.EpochColumns";

    private ResolvedOptions(
        HashSet<string> month, HashSet<string> key, HashSet<string> keep, HashSet<string> drop, HashSet<string> epoch)
    {
        Month = month;
        Key = key;
        Keep = keep;
        Drop = drop;
        Epoch = epoch;
    }

    public HashSet<string> Month { get; }

    public HashSet<string> Key { get; }

    public HashSet<string> Keep { get; }

    public HashSet<string> Drop { get; }

    public HashSet<string> Epoch { get; }

    /// <summary>True when the user chose the month column(s), so other temporal columns lose their default month role.</summary>
    public bool MonthsChosen => Month.Count > 0 || Epoch.Count > 0;

    public static ResolvedOptions Resolve(TableName table, IReadOnlyList<SourceColumn> columns, TransferPlanOptions options)
    {
        var names = columns.Select(c => c.Name).ToList();
        var resolved = new ResolvedOptions(
            Find(table, names, options.MonthColumns, MonthOption),
            Find(table, names, options.KeyColumns, KeyOption),
            Find(table, names, options.KeepColumns, KeepOption),
            Find(table, names, options.DropColumns, DropOption),
            Find(table, names, options.EpochColumns, EpochOption));

        // Each pair that would give one column two roles; keep with month/key/epoch is fine (those are kept anyway).
        (HashSet<string> Set, string Option)[] exclusive =
            [(resolved.Month, MonthOption), (resolved.Epoch, EpochOption), (resolved.Key, KeyOption), (resolved.Drop, DropOption)];
        for (var i = 0; i < exclusive.Length; i++)
        {
            for (var j = i + 1; j < exclusive.Length; j++)
            {
                Conflict(exclusive[i].Set, exclusive[i].Option, exclusive[j].Set, exclusive[j].Option);
            }
        }

        Conflict(resolved.Keep, KeepOption, resolved.Drop, DropOption);
        return resolved;
    }

    private static void Conflict(HashSet<string> first, string firstOption, HashSet<string> second, string secondOption)
    {
        var both = first.Where(second.Contains).Order(StringComparer.Ordinal).FirstOrDefault();
        if (both is not null)
        {
            var name = new SqlIdentifier(both);
            throw new PlanException(
                PlanErrorCode.ConflictingRoles,
                $"Column {name} is named by both {firstOption} and {secondOption}; give each column one role.",
                both);
        }
    }

    private static HashSet<string> Find(TableName table, List<string> columns, IReadOnlyList<string>? given, string option)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in given ?? [])
        {
            SqlIdentifier name;
            try
            {
                name = SqlIdentifier.Parse(text ?? "");
            }
            catch (InvalidIdentifierException ex)
            {
                throw new InvalidIdentifierException($"{option}: {ex.Message}", ex.Input);
            }

            if (!columns.Contains(name.Name, StringComparer.Ordinal))
            {
                throw new PlanException(
                    PlanErrorCode.UnknownColumn,
                    $"{option} names {name}, which is not a column of {table}. {ColumnSuggestions.For(name.Name, columns)}",
                    name.Name);
            }

            found.Add(name.Name);
        }

        return found;
    }
}
