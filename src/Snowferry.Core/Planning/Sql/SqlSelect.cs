namespace Snowferry.Planning.Sql;

/// <summary>A <c>SELECT</c> statement: list, one table, optional <c>WHERE</c>, <c>GROUP BY</c> and <c>ORDER BY</c>.</summary>
public sealed record SqlSelect
{
    /// <summary>The <c>SELECT</c> list (at least one item).</summary>
    public required IReadOnlyList<SqlSelectItem> Items { get; init; }

    /// <summary>The table read; none (a SELECT of constants and functions) when null.</summary>
    public SqlTableRef? From { get; init; }

    /// <summary>The row filter; none when null.</summary>
    public SqlExpression? Where { get; init; }

    /// <summary>The grouping keys; no <c>GROUP BY</c> when empty.</summary>
    public IReadOnlyList<SqlExpression> GroupBy { get; init; } = [];

    /// <summary>The sort keys; no <c>ORDER BY</c> when empty.</summary>
    public IReadOnlyList<SqlOrderItem> OrderBy { get; init; } = [];

    /// <summary>The statement as Snowflake SQL (see <see cref="SqlRenderer"/>).</summary>
    public override string ToString() => SqlRenderer.Render(this);
}
