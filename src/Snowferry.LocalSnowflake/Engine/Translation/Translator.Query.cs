using System.Globalization;
using System.Text;
using Snowferry.LocalSnowflake.Engine.Encoding;
using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>A query rendered to DuckDB: raw values in columns <c>c0..cn</c>, with their Snowflake names and types.</summary>
internal sealed record CompiledQuery(string Sql, IReadOnlyList<(string Name, SnowType Type)> Columns);

internal sealed partial class Translator
{
    private sealed record Item(string Name, Func<ExprContext, Typed> Compile, Expr? Expression);

    private QueryPlan SelectPlan(Query query)
    {
        var compiled = CompileQuery(query);
        var alias = NextAlias();
        var projections = compiled.Columns.Select((c, i) => WireEncoder.Project(alias + ".c" + i.ToString(CultureInfo.InvariantCulture), c.Type));
        return new QueryPlan($"SELECT {string.Join(", ", projections)} FROM ({compiled.Sql}) AS {alias}", compiled.Columns);
    }

    private CompiledQuery CompileQuery(Query query)
    {
        var savedCtes = new Dictionary<string, CompiledQuery>(_ctes, StringComparer.Ordinal);
        try
        {
            foreach (var cte in query.With)
            {
                _ctes[cte.Name] = CompileQuery(cte.Query);
            }

            return CompileSelect(query);
        }
        finally
        {
            _ctes.Clear();
            foreach (var (name, cte) in savedCtes)
            {
                _ctes[name] = cte;
            }
        }
    }

    private CompiledQuery CompileSelect(Query query)
    {
        var (fromSql, columns) = query.From is null ? ("", (IReadOnlyList<ScopeColumn>)[]) : Source(query.From);
        var items = ExpandItems(query, columns);
        var plain = new ExprContext { Columns = columns, Clause = "select" };
        var aggregate = query.GroupBy.Count > 0 || query.Items.Any(i => HasAggregate(i.Expression)) ||
            (query.Having is not null) || query.OrderBy.Any(o => HasAggregate(o.Expression));

        var groupKeys = new List<string>();
        foreach (var key in query.GroupBy)
        {
            var groupContext = new ExprContext { Columns = columns, Clause = "GROUP BY" };
            var item = ItemReference(key, items, columns, allowAlias: true);
            var typed = item is not null ? item.Compile(groupContext) : Compile(key, groupContext);
            if (typed.Aggregate)
            {
                throw SqlErrors.Compilation(key.Span.Line, key.Span.Column, "Aggregate functions cannot be used in GROUP BY.");
            }

            groupKeys.Add(typed.Sql);
        }

        var selectContext = new ExprContext
        {
            Columns = columns,
            Grouped = aggregate,
            GroupKeys = groupKeys.ToHashSet(StringComparer.Ordinal),
            AllowAggregates = true,
            Clause = "select",
        };
        var outputs = new List<(string Name, Typed Value)>();
        foreach (var item in items)
        {
            var typed = item.Compile(selectContext);
            RequireGrouped(typed, item.Expression);
            outputs.Add((item.Name, typed));
        }

        var sql = new StringBuilder("SELECT ");
        if (query.Distinct)
        {
            sql.Append("DISTINCT ");
        }

        var orderKeys = new List<string>();
        var order = new List<string>();
        foreach (var orderItem in query.OrderBy)
        {
            string reference;
            var item = ItemReference(orderItem.Expression, items, columns, allowAlias: true, aliasFirst: true);
            if (item is not null)
            {
                reference = "c" + items.IndexOf(item).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                var typed = Compile(orderItem.Expression, selectContext);
                RequireGrouped(typed, orderItem.Expression);
                var same = outputs.FindIndex(o => o.Value.Sql == typed.Sql);
                if (same >= 0)
                {
                    reference = "c" + same.ToString(CultureInfo.InvariantCulture);
                }
                else if (query.Distinct)
                {
                    throw SqlErrors.NotImplemented("ORDER BY an expression not in a SELECT DISTINCT list");
                }
                else
                {
                    reference = "k" + orderKeys.Count.ToString(CultureInfo.InvariantCulture);
                    orderKeys.Add(OrderValue(typed));
                }
            }

            var nullsFirst = orderItem.NullsFirst ?? orderItem.Descending;
            order.Add($"{reference}{(orderItem.Descending ? " DESC" : " ASC")}{(nullsFirst ? " NULLS FIRST" : " NULLS LAST")}");
        }

        sql.AppendJoin(", ", outputs.Select((o, i) => $"{o.Value.Sql} AS c{i.ToString(CultureInfo.InvariantCulture)}")
            .Concat(orderKeys.Select((k, i) => $"{k} AS k{i.ToString(CultureInfo.InvariantCulture)}")));
        if (fromSql.Length > 0)
        {
            sql.Append(" FROM ").Append(fromSql);
        }

        if (query.Where is not null)
        {
            var where = Compile(query.Where, new ExprContext { Columns = columns, Clause = "WHERE" });
            sql.Append(" WHERE ").Append(Condition(where, query.Where));
        }

        if (groupKeys.Count > 0)
        {
            sql.Append(" GROUP BY ").AppendJoin(", ", groupKeys);
        }

        if (query.Having is not null)
        {
            var having = Compile(query.Having, selectContext);
            RequireGrouped(having, query.Having);
            sql.Append(" HAVING ").Append(Condition(having, query.Having));
        }

        var resultColumns = outputs.Select(o => (o.Name, o.Value.Type)).ToList();
        if (order.Count == 0 && query.Limit is null)
        {
            return new CompiledQuery(sql.ToString(), resultColumns);
        }

        var alias = NextAlias();
        var outer = new StringBuilder("SELECT ");
        outer.AppendJoin(", ", outputs.Select((_, i) => $"{alias}.c{i.ToString(CultureInfo.InvariantCulture)} AS c{i.ToString(CultureInfo.InvariantCulture)}"));
        outer.Append(" FROM (").Append(sql).Append(") AS ").Append(alias);
        if (order.Count > 0)
        {
            outer.Append(" ORDER BY ").AppendJoin(", ", order.Select(o => alias + "." + o));
        }

        if (query.Limit is not null)
        {
            outer.Append(" LIMIT ").Append(RowCount(query.Limit));
            if (query.Offset is not null)
            {
                outer.Append(" OFFSET ").Append(RowCount(query.Offset));
            }
        }

        return new CompiledQuery(outer.ToString(), resultColumns);
    }

    /// <summary>TIMESTAMP_TZ orders by its instant; the offset only breaks ties.</summary>
    private static string OrderValue(Typed typed) => typed.Sql;

    private static void RequireGrouped(Typed typed, Expr? expression)
    {
        if (typed.Bare is not null)
        {
            var span = expression?.Span ?? default;
            throw SqlErrors.NotGroupBy(span.Line, span.Column, "'" + typed.Bare + "'");
        }
    }

    private string Condition(Typed condition, Expr expression)
    {
        if (condition.Type.Kind is not (SnowKind.Boolean or SnowKind.Null))
        {
            var converted = CastTo(condition, SnowType.Boolean, tryCast: false, expression.Span);
            return converted.Sql;
        }

        return condition.Sql;
    }

    private string RowCount(Expr expression)
    {
        var typed = Compile(expression, new ExprContext { Clause = "LIMIT" });
        if (typed.Type.Kind == SnowKind.Null)
        {
            return "NULL";
        }

        if (typed.Type.Kind != SnowKind.Fixed || typed.Type.Scale != 0)
        {
            throw SqlErrors.Compilation(expression.Span.Line, expression.Span.Column, "Invalid row count in LIMIT clause");
        }

        return $"CAST({typed.Sql} AS BIGINT)";
    }

    /// <summary>An ORDER BY / GROUP BY item that names a select item: a 1-based ordinal or an alias.</summary>
    private static Item? ItemReference(Expr expression, List<Item> items, IReadOnlyList<ScopeColumn> columns, bool allowAlias, bool aliasFirst = false)
    {
        if (expression is NumberLiteral number && int.TryParse(number.Digits, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
        {
            if (ordinal < 1 || ordinal > items.Count)
            {
                throw SqlErrors.Compilation(expression.Span.Line, expression.Span.Column,
                    string.Create(CultureInfo.InvariantCulture, $"Position {ordinal} is out of range (1..{items.Count})"));
            }

            return items[ordinal - 1];
        }

        // GROUP BY prefers a source column over a same-named alias, ORDER BY the alias (as Snowflake resolves them).
        if (allowAlias && expression is ColumnRef { Parts.Count: 1 } reference &&
            (aliasFirst || !columns.Any(c => string.Equals(c.Name, reference.Parts[0], StringComparison.Ordinal))))
        {
            return items.FirstOrDefault(i => string.Equals(i.Name, reference.Parts[0], StringComparison.Ordinal));
        }

        return null;
    }

    private List<Item> ExpandItems(Query query, IReadOnlyList<ScopeColumn> columns)
    {
        var items = new List<Item>();
        foreach (var selectItem in query.Items)
        {
            if (selectItem.Expression is StarExpr star)
            {
                var matched = columns.Where(c => star.Qualifier.Count == 0 ||
                    (string.Equals(c.Table, star.Qualifier[^1], StringComparison.Ordinal) &&
                     (star.Qualifier.Count < 2 || string.Equals(c.Schema, star.Qualifier[^2], StringComparison.Ordinal)))).ToList();
                if (matched.Count == 0)
                {
                    if (star.Qualifier.Count > 0)
                    {
                        throw SqlErrors.InvalidIdentifier(star.Span.Line, star.Span.Column, Display(star.Qualifier));
                    }

                    throw SqlErrors.Compilation(star.Span.Line, star.Span.Column, "SELECT with no columns");
                }

                foreach (var column in matched)
                {
                    var name = column.Name;
                    items.Add(new Item(name, context => new Typed(column.Sql, column.Type)
                    {
                        Bare = context.Grouped && !context.GroupKeys.Contains(column.Sql) ? name : null,
                    }, null));
                }

                continue;
            }

            var expression = selectItem.Expression;
            items.Add(new Item(selectItem.Alias ?? ColumnNameOf(expression), context => Compile(expression, context), expression));
        }

        return items;
    }

    private (string Sql, IReadOnlyList<ScopeColumn> Columns) Source(TableSource source)
    {
        var alias = NextAlias();
        switch (source)
        {
            case SubquerySource subquery:
                var compiled = CompileQuery(subquery.Query);
                return ($"({compiled.Sql}) AS {alias}", SubqueryColumns(compiled, alias, subquery.Alias, null));
            case NamedTableSource named:
                var parts = named.Name.Parts;
                if (parts.Count == 1 && _ctes.TryGetValue(parts[0], out var cte))
                {
                    return ($"({cte.Sql}) AS {alias}", SubqueryColumns(cte, alias, named.Alias ?? parts[0], null));
                }

                if (parts.Count >= 2 && string.Equals(parts[^2], "INFORMATION_SCHEMA", StringComparison.Ordinal))
                {
                    if (parts.Count == 3 && !string.Equals(parts[0], _options.DatabaseName, StringComparison.Ordinal))
                    {
                        throw SqlErrors.ObjectDoesNotExist(string.Join('.', parts));
                    }

                    var view = InformationSchema(parts[^1]) ?? throw SqlErrors.ObjectDoesNotExist(string.Join('.', parts));
                    return ($"({view.Sql}) AS {alias}", SubqueryColumns(view, alias, named.Alias ?? parts[^1], named.Alias is null ? "INFORMATION_SCHEMA" : null));
                }

                var table = RequireTable(named.Name);
                var columns = table.Columns.Select(c => new ScopeColumn(
                    named.Alias ?? table.Name, named.Alias is null ? table.Schema : null, c.Name, alias + "." + c.Physical, c.Type)).ToList();
                return ($"{table.Physical} AS {alias}", columns);
            default:
                throw SqlErrors.NotImplemented(source.GetType().Name);
        }
    }

    private static List<ScopeColumn> SubqueryColumns(CompiledQuery compiled, string alias, string? table, string? schema) =>
        compiled.Columns.Select((c, i) => new ScopeColumn(table, schema, c.Name, alias + ".c" + i.ToString(CultureInfo.InvariantCulture), c.Type)).ToList();
}
