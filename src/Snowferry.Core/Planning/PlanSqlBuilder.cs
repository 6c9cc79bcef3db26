using Snowferry.Planning.Sql;
using Snowferry.Snowflake.Values;

namespace Snowferry.Planning;

/// <summary>
/// Compiles planned columns into the one statement that does the work in Snowflake. Each function was checked against
/// Snowflake's reference (docs.snowflake.com/en/sql-reference/functions/...):
/// <list type="bullet">
/// <item><c>DATE_TRUNC('MONTH', x)</c> keeps the input's type, truncating in the value's own offset; so a TZ/LTZ value
/// first goes through 2-argument <c>CONVERT_TIMEZONE('UTC', x)</c>, which returns a TIMESTAMP_TZ in UTC (an LTZ value is
/// an instant, a TZ value carries its offset). <c>CAST(... AS DATE)</c> then keeps the first day of the month.</item>
/// <item><c>TO_TIMESTAMP_NTZ(n, scale)</c> reads a number as seconds (scale 0), milliseconds (3), microseconds (6) or
/// nanoseconds (9) since 1970-01-01 00:00:00 UTC; a fractional or FLOAT value is floored to a whole unit first, so a
/// value just before midnight on the last day of a month stays in that month.</item>
/// <item><c>TRIM(x, chars)</c> strips only spaces unless told the characters; the contract's white space is space, tab,
/// line feed, carriage return, vertical tab and form feed.</item>
/// <item><c>SUM</c> skips NULLs and gives NULL over only NULLs; its result type is documented only as "equivalent or
/// larger", so a NUMBER sum is cast to <c>NUMBER(38, scale)</c> to pin the type the writer expects.</item>
/// <item><c>ORDER BY position ASC NULLS LAST</c> spelled out: the default NULL placement is a session parameter.</item>
/// </list>
/// </summary>
internal static class PlanSqlBuilder
{
    /// <summary>The contract's white space (CONTRACT.md, "Drop fully blank rows").</summary>
    internal const string WhiteSpace = " \t\n\r\u000B\f";

    public static SqlSelect Build(TableName table, IReadOnlyList<PlannedColumn> columns)
    {
        var kept = columns.Where(c => c.Role != ColumnRole.Dropped).ToList();
        var items = kept.Select(c => new SqlSelectItem(Output(c), new SqlIdentifier(c.Source.Name))).ToList();
        items.Add(new SqlSelectItem(new SqlCountStar(), new SqlIdentifier(TransferPlan.SourceRowsColumn)));

        // CONTRACT.md: a row is fully blank when every one of its cells is blank. That is a property of the source row,
        // judged before any option shapes the output, so dropped columns count too: a row with a value only in a dropped
        // column is not blank and forms its (all-NULL) group, as a row whose month is NULL does.
        var where = new SqlNot(new SqlAnd(columns.Select(Blank).ToList()));
        var keys = kept.Select((c, i) => (Column: c, Position: i + 1)).Where(k => k.Column.Role is ColumnRole.Month or ColumnRole.Key).ToList();
        return new SqlSelect
        {
            Items = items,
            From = table.ToSqlTable(),
            Where = where,

            // GROUP BY repeats the expressions: a name there means the source column even where an alias has the same
            // name (docs.snowflake.com/en/sql-reference/constructs/group-by). ORDER BY resolves names against the
            // aliases, so it uses SELECT-list positions, which can only mean the output column.
            GroupBy = keys.Select(k => Output(k.Column)).ToList(),
            OrderBy = keys.Select(k => new SqlOrderItem(new SqlNumberLiteral(k.Position))).ToList(),
        };
    }

    /// <summary>The transfer statement without the hidden <see cref="TransferPlan.SourceRowsColumn"/>: only the written columns.</summary>
    public static SqlSelect WithoutSourceRows(SqlSelect statement, int outputColumns) =>
        statement with { Items = [.. statement.Items.Take(outputColumns)] };

    /// <summary>
    /// One cheap pass for sizing the output: the table's row count and an estimate of its number of groups,
    /// <c>APPROX_COUNT_DISTINCT</c> (HyperLogLog, about 1.6% error) over the plan's month and key expressions.
    /// </summary>
    public static SqlSelect Estimate(TableName table, IReadOnlyList<PlannedColumn> columns)
    {
        var keys = columns.Where(c => c.Role is ColumnRole.Month or ColumnRole.Key).Select(Output).ToList();
        SqlExpression groups = keys.Count == 0 ? new SqlNumberLiteral(1) : new SqlFunctionCall("APPROX_COUNT_DISTINCT", [.. keys]);
        return new()
        {
            Items =
            [
                new SqlSelectItem(new SqlCountStar(), new SqlIdentifier(TransferPlan.TotalRowsColumn)),
                new SqlSelectItem(groups, new SqlIdentifier(TransferPlan.EstimatedGroupsColumn)),
            ],
            From = table.ToSqlTable(),
        };
    }

    public static SqlSelect Count(TableName table) => new()
    {
        Items = [new SqlSelectItem(new SqlCountStar(), new SqlIdentifier(TransferPlan.TotalRowsColumn))],
        From = table.ToSqlTable(),
    };

    private static SqlExpression Output(PlannedColumn column)
    {
        var source = new SqlColumnRef(new SqlIdentifier(column.Source.Name));
        return column.Role switch
        {
            ColumnRole.Month => new SqlCast(new SqlFunctionCall("DATE_TRUNC", new SqlStringLiteral("MONTH"), Instant(column, source)), SqlType.Date),
            ColumnRole.Sum when column.SourceType == SnowflakeType.Fixed =>
                new SqlCast(new SqlFunctionCall("SUM", source), SqlType.Number(38, column.Source.Scale ?? 0)),
            ColumnRole.Sum => new SqlFunctionCall("SUM", source),
            _ => source,
        };
    }

    /// <summary>The value whose calendar month is wanted: UTC for zone-aware types, the number read as Unix time.</summary>
    private static SqlExpression Instant(PlannedColumn column, SqlColumnRef source)
    {
        if (column.Epoch is { } unit)
        {
            SqlExpression whole = column.SourceType == SnowflakeType.Fixed && (column.Source.Scale ?? 0) == 0
                ? source
                : new SqlCast(new SqlFunctionCall("FLOOR", source), SqlType.Number(38, 0));
            return new SqlFunctionCall("TO_TIMESTAMP_NTZ", whole, new SqlNumberLiteral(Scale(unit)));
        }

        return column.SourceType is SnowflakeType.TimestampTz or SnowflakeType.TimestampLtz
            ? new SqlFunctionCall("CONVERT_TIMEZONE", new SqlStringLiteral("UTC"), source)
            : source;
    }

    private static SqlExpression Blank(PlannedColumn column)
    {
        var source = new SqlColumnRef(new SqlIdentifier(column.Source.Name));
        var isNull = new SqlIsNull(source);
        return column.SourceType == SnowflakeType.Text
            ? new SqlOr([isNull, new SqlEquals(new SqlFunctionCall("TRIM", source, new SqlStringLiteral(WhiteSpace)), new SqlStringLiteral(""))])
            : isNull;
    }

    private static int Scale(EpochUnit unit) => unit switch
    {
        EpochUnit.Seconds => 0,
        EpochUnit.Milliseconds => 3,
        EpochUnit.Microseconds => 6,
        EpochUnit.Nanoseconds => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown epoch unit."),
    };
}
