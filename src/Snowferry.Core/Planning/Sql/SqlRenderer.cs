using System.Globalization;
using System.Text;

namespace Snowferry.Planning.Sql;

/// <summary>
/// Turns a <see cref="SqlSelect"/> into Snowflake SQL text: one clause per line, list entries indented one per line.
/// Every identifier is quoted (<see cref="SqlIdentifier.ToSql"/>), every string constant escaped
/// (<see cref="StringLiteral"/>), and parentheses are added wherever operator precedence would otherwise regroup the
/// tree (Snowflake: NOT binds looser than IS NULL and =, AND tighter than OR).
/// </summary>
internal static class SqlRenderer
{
    private const string Indent = "    ";

    /// <summary>Renders the statement.</summary>
    public static string Render(SqlSelect select)
    {
        ArgumentNullException.ThrowIfNull(select);
        if (select.Items.Count == 0)
        {
            throw new ArgumentException("A SELECT needs at least one item.", nameof(select));
        }

        var sql = new StringBuilder();
        sql.Append("SELECT");
        AppendList(sql, select.Items, item => item.Alias is null ? Render(item.Expression) : $"{Render(item.Expression)} AS {item.Alias.ToSql()}");
        if (select.From is { } from)
        {
            sql.Append('\n').Append("FROM ").Append(Render(from));
        }

        if (select.Where is { } where)
        {
            sql.Append('\n').Append("WHERE ");
            AppendCondition(sql, where);
        }

        if (select.GroupBy.Count > 0)
        {
            sql.Append('\n').Append("GROUP BY");
            AppendList(sql, select.GroupBy, Render);
        }

        if (select.OrderBy.Count > 0)
        {
            sql.Append('\n').Append("ORDER BY");
            AppendList(sql, select.OrderBy, Render);
        }

        return sql.ToString();
    }

    /// <summary>Renders a table reference: each part quoted, joined by dots.</summary>
    public static string Render(SqlTableRef table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return string.Join('.', table.Parts.Select(p => p.ToSql()));
    }

    /// <summary>Renders one expression.</summary>
    public static string Render(SqlExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            SqlColumnRef c => c.Column.ToSql(),
            SqlStringLiteral s => StringLiteral(s.Value),
            SqlNumberLiteral n => n.Value.ToString(CultureInfo.InvariantCulture),
            SqlParameter => "?",
            SqlCountStar => "COUNT(*)",
            SqlFunctionCall f => $"{f.Name}({string.Join(", ", f.Arguments.Select(Render))})",
            SqlCast c => $"CAST({Render(c.Operand)} AS {c.Type})",
            SqlIsNull n => $"{Child(n.Operand, Precedence(n), strict: false)} IS NULL",
            SqlNot n => $"NOT {Child(n.Operand, Precedence(n), strict: true)}",
            SqlEquals e => $"{Child(e.Left, Precedence(e), strict: false)} = {Child(e.Right, Precedence(e), strict: false)}",
            SqlAnd a => Join(a.Operands, " AND ", Precedence(a)),
            SqlOr o => Join(o.Operands, " OR ", Precedence(o)),
            _ => throw new NotSupportedException($"No rendering for {expression.GetType().Name}."),
        };
    }

    /// <summary>
    /// A single-quoted Snowflake string constant holding exactly <paramref name="value"/>. Inside single quotes Snowflake
    /// reads backslash escapes (docs.snowflake.com/en/sql-reference/data-types-text, "Escape sequences in single-quoted
    /// string constants"), so a backslash is doubled, a quote doubled, and control characters written as
    /// <c>\t</c>, <c>\n</c>, <c>\r</c>, <c>\f</c>, <c>\b</c>, <c>\0</c> or <c>\uXXXX</c>.
    /// </summary>
    public static string StringLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\'' => text.Append("''"),
                '\\' => text.Append(@"\\"),
                '\t' => text.Append(@"\t"),
                '\n' => text.Append(@"\n"),
                '\r' => text.Append(@"\r"),
                '\f' => text.Append(@"\f"),
                '\b' => text.Append(@"\b"),
                '\0' => text.Append(@"\0"),
                _ when char.IsControl(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('\'').ToString();
    }

    /// <summary>A top-level AND, or NOT of an AND, laid out one operand per line; anything else on one line.</summary>
    private static void AppendCondition(StringBuilder sql, SqlExpression condition)
    {
        var (prefix, and) = condition switch
        {
            SqlAnd a when a.Operands.Count > 1 => ("", a),
            SqlNot { Operand: SqlAnd a } when a.Operands.Count > 1 => ("NOT ", a),
            _ => ("", null),
        };
        if (and is null)
        {
            sql.Append(Render(condition));
            return;
        }

        sql.Append(prefix).Append('(');
        for (var i = 0; i < and.Operands.Count; i++)
        {
            sql.Append('\n').Append(Indent).Append(i == 0 ? "" : "AND ").Append(Child(and.Operands[i], Precedence(and), strict: true));
        }

        sql.Append('\n').Append(')');
    }

    private static void AppendList<T>(StringBuilder sql, IReadOnlyList<T> items, Func<T, string> render)
    {
        for (var i = 0; i < items.Count; i++)
        {
            sql.Append('\n').Append(Indent).Append(render(items[i]));
            if (i < items.Count - 1)
            {
                sql.Append(',');
            }
        }
    }

    private static string Render(SqlOrderItem item) =>
        $"{Render(item.Expression)} {(item.Descending ? "DESC" : "ASC")} {(item.NullsLast ? "NULLS LAST" : "NULLS FIRST")}";

    private static string Join(IReadOnlyList<SqlExpression> operands, string separator, int precedence)
    {
        if (operands.Count == 0)
        {
            throw new ArgumentException("AND/OR needs at least one operand.", nameof(operands));
        }

        return string.Join(separator, operands.Select(o => Child(o, precedence, strict: true)));
    }

    /// <summary>The child rendered, in parentheses when it binds looser than (or, when not strict, as loose as) its parent.</summary>
    private static string Child(SqlExpression child, int parentPrecedence, bool strict)
    {
        var precedence = Precedence(child);
        var wrap = strict ? precedence < parentPrecedence : precedence <= parentPrecedence;
        return wrap ? $"({Render(child)})" : Render(child);
    }

    private static int Precedence(SqlExpression expression) => expression switch
    {
        SqlOr => 1,
        SqlAnd => 2,
        SqlNot => 3,
        SqlEquals or SqlIsNull => 4,
        _ => 5,
    };
}
