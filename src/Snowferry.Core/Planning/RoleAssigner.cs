using System.Globalization;
using Snowferry.Output;
using Snowferry.Planning.Sql;
using Snowferry.Snowflake.Values;

namespace Snowferry.Planning;

/// <summary>
/// The contract's column roles (CONTRACT.md, "Aggregate to one row per month"): DATE/TIMESTAMP → month, other
/// non-numeric → key, NUMBER/FLOAT → sum; then the options, each checked against the table.
/// </summary>
internal static class RoleAssigner
{
    public static List<PlannedColumn> Assign(TableName table, IReadOnlyList<SourceColumn> columns, TransferPlanOptions options)
    {
        var chosen = ResolvedOptions.Resolve(table, columns, options);
        var planned = new List<PlannedColumn>(columns.Count);
        foreach (var column in columns)
        {
            var type = SourceTypes.Classify(column.DataType);
            CheckOptionTypes(table, column, type, chosen);
            planned.Add(Plan(column, type, chosen, options.EpochUnit) with { SourceType = type });
        }

        var unsupported = planned.FirstOrDefault(p => p.Role != ColumnRole.Dropped && (p.SourceType is not { } t || !SourceTypes.IsSupported(t)));
        if (unsupported is not null)
        {
            var name = new SqlIdentifier(unsupported.Source.Name);
            throw new PlanException(
                PlanErrorCode.UnsupportedType,
                $"Column {name} of {table} has type {unsupported.Source.DataType}, which snowferry cannot group, sum or write. " +
                $"Leave it out by adding {name} to TransferPlanOptions.DropColumns (or list the columns you want in TransferPlanOptions.KeepColumns).",
                unsupported.Source.Name);
        }

        if (planned.All(p => p.Role == ColumnRole.Dropped))
        {
            throw new PlanException(
                PlanErrorCode.NoColumns,
                $"Every column of {table} is dropped, so there is nothing to write; drop fewer columns or keep at least one.");
        }

        if (!planned.Any(p => p.Role == ColumnRole.Month))
        {
            throw NoMonth(table, planned);
        }

        return planned;
    }

    private static void CheckOptionTypes(TableName table, SourceColumn column, SnowflakeType? type, ResolvedOptions chosen)
    {
        var name = new SqlIdentifier(column.Name);
        if (chosen.Month.Contains(column.Name) && !(type is { } t && SourceTypes.IsTemporal(t)))
        {
            var hint = type is { } n && SourceTypes.IsNumeric(n)
                ? $" If it holds Unix time, put {name} in TransferPlanOptions.EpochColumns instead."
                : "";
            throw new PlanException(
                PlanErrorCode.NotTemporal,
                $"TransferPlanOptions.MonthColumns names {name}, but it is {column.DataType}, not a DATE or TIMESTAMP column of {table}.{hint}",
                column.Name);
        }

        if (chosen.Epoch.Contains(column.Name) && !(type is { } e && SourceTypes.IsNumeric(e)))
        {
            throw new PlanException(
                PlanErrorCode.NotNumeric,
                $"TransferPlanOptions.EpochColumns names {name}, but it is {column.DataType}; only a NUMBER or FLOAT column can hold Unix time. " +
                (type is { } d && SourceTypes.IsTemporal(d) ? $"Put {name} in TransferPlanOptions.MonthColumns for a DATE/TIMESTAMP." : "Pick a numeric column."),
                column.Name);
        }
    }

    private static PlannedColumn Plan(SourceColumn column, SnowflakeType? type, ResolvedOptions chosen, EpochUnit unit)
    {
        var name = column.Name;
        var kept = !chosen.Drop.Contains(name) &&
            (chosen.Keep.Count == 0 || chosen.Keep.Contains(name) || chosen.Key.Contains(name) || chosen.Month.Contains(name) || chosen.Epoch.Contains(name));
        var typeText = TypeText(column);
        if (!kept)
        {
            return new PlannedColumn(column, ColumnRole.Dropped, null, chosen.Drop.Contains(name) ? "dropped (TransferPlanOptions.DropColumns)" : "dropped (not in TransferPlanOptions.KeepColumns)");
        }

        if (type is not { } t || !SourceTypes.IsSupported(t))
        {
            // Reported by Assign once every column is planned; the role here only marks it as kept.
            return new PlannedColumn(column, ColumnRole.Key, null, $"{typeText}: unsupported type");
        }

        if (chosen.Epoch.Contains(name))
        {
            return Month(column, $"{typeText} read as Unix epoch {unit.ToString().ToLowerInvariant()} → month in UTC (TransferPlanOptions.EpochColumns)") with { Epoch = unit };
        }

        if (chosen.Month.Contains(name))
        {
            return Month(column, $"{typeText} → {MonthText(t)} (TransferPlanOptions.MonthColumns)");
        }

        if (chosen.Key.Contains(name))
        {
            return Key(column, t, $"{typeText} → key, written as it is (TransferPlanOptions.KeyColumns)");
        }

        if (SourceTypes.IsTemporal(t))
        {
            return chosen.MonthsChosen
                ? Key(column, t, $"{typeText} → key, written as it is (not a chosen month column)")
                : Month(column, $"{typeText} → {MonthText(t)}");
        }

        if (t == SnowflakeType.Fixed)
        {
            var scale = column.Scale ?? 0;
            return new PlannedColumn(
                column,
                ColumnRole.Sum,
                new OutputColumn(name, SnowflakeType.Fixed, 38, scale),
                string.Create(CultureInfo.InvariantCulture, $"{typeText} → sum, exact as NUMBER(38,{scale})"));
        }

        return t == SnowflakeType.Real
            ? new PlannedColumn(column, ColumnRole.Sum, new OutputColumn(name, SnowflakeType.Real), $"{typeText} → sum as FLOAT")
            : Key(column, t, $"{typeText} → key, written as it is");
    }

    private static PlannedColumn Month(SourceColumn column, string reason) =>
        new(column, ColumnRole.Month, new OutputColumn(column.Name, SnowflakeType.Date), reason);

    private static PlannedColumn Key(SourceColumn column, SnowflakeType type, string reason)
    {
        var output = type == SnowflakeType.Fixed
            ? new OutputColumn(column.Name, type, column.Precision ?? 38, column.Scale ?? 0)
            : new OutputColumn(column.Name, type);
        return new PlannedColumn(column, ColumnRole.Key, output, reason);
    }

    private static string MonthText(SnowflakeType type) => type switch
    {
        SnowflakeType.Date => "month (first day of its month)",
        SnowflakeType.TimestampNtz => "month of its wall-clock time",
        _ => "month in UTC",
    };

    internal static string TypeText(SourceColumn column) =>
        SourceTypes.Classify(column.DataType) == SnowflakeType.Fixed && column.Precision is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"NUMBER({p},{column.Scale ?? 0})")
            : column.DataType;

    private static PlanException NoMonth(TableName table, List<PlannedColumn> planned)
    {
        var temporal = planned.Where(p => p.SourceType is { } t && SourceTypes.IsTemporal(t)).Select(p => new SqlIdentifier(p.Source.Name)).ToList();
        var message = temporal.Count == 0
            ? $"Table {table} has no DATE/TIMESTAMP column to aggregate by month; set TransferPlanOptions.MonthColumns or TransferPlanOptions.EpochColumns (a numeric column holding Unix time)."
            : $"No month column is left in the plan for {table}: its DATE/TIMESTAMP columns ({string.Join(", ", temporal)}) are dropped or keys. " +
              "Set TransferPlanOptions.MonthColumns or TransferPlanOptions.EpochColumns.";
        return new PlanException(PlanErrorCode.NoMonthColumn, message);
    }
}
