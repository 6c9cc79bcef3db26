namespace Snowferry.Planning.Sql;

/// <summary>A <c>SELECT</c> statement: list, one table, optional <c>WHERE</c>, <c>GROUP BY</c> and <c>ORDER BY</c>.</summary>
/// <remarks>
/// Public only as an opaque type, because <c>UnloadStatement.Query</c> names it; everything inside is internal, so the
/// tree can change without breaking callers. Read the SQL text from <see cref="ToString"/> or the plan's <c>Sql</c>.
/// </remarks>
internal sealed record SqlSelect
{
    internal SqlSelect()
    {
    }

    // Not `required`: C# forbids a required member less visible than its type, so SqlRenderer checks it instead.

    /// <summary>The <c>SELECT</c> list (at least one item; <see cref="SqlRenderer"/> refuses an empty one).</summary>
    internal IReadOnlyList<SqlSelectItem> Items { get; init; } = [];

    /// <summary>The table read; none (a SELECT of constants and functions) when null.</summary>
    internal SqlTableRef? From { get; init; }

    /// <summary>The row filter; none when null.</summary>
    internal SqlExpression? Where { get; init; }

    /// <summary>The grouping keys; no <c>GROUP BY</c> when empty.</summary>
    internal IReadOnlyList<SqlExpression> GroupBy { get; init; } = [];

    /// <summary>The sort keys; no <c>ORDER BY</c> when empty.</summary>
    internal IReadOnlyList<SqlOrderItem> OrderBy { get; init; } = [];

    /// <summary>The statement as Snowflake SQL (see <see cref="SqlRenderer"/>).</summary>
    public override string ToString() => SqlRenderer.Render(this);
}
