namespace Snowferry.LocalSnowflake.Engine.Sql;

internal sealed partial class Parser
{
    /// <summary>Words that end an expression or a select item: never taken as an implicit alias.</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "CROSS", "DESC", "DISTINCT", "ELSE", "END", "EXCEPT",
        "FETCH", "FROM", "FULL", "GROUP", "HAVING", "ILIKE", "IN", "INNER", "INTERSECT", "IS", "JOIN", "LATERAL",
        "LEFT", "LIKE", "LIMIT", "MINUS", "NATURAL", "NOT", "NULL", "NULLS", "OFFSET", "ON", "OR", "ORDER", "QUALIFY",
        "RIGHT", "SELECT", "THEN", "UNION", "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH", "SAMPLE", "TABLESAMPLE",
        "PIVOT", "UNPIVOT", "MATCH_RECOGNIZE", "CONNECT", "START", "FOR",
    };

    private Query Query()
    {
        var start = Current;
        var with = new List<CommonTableExpression>();
        if (Accept("WITH"))
        {
            if (Current.Is("RECURSIVE"))
            {
                throw NotImplementedHere("WITH RECURSIVE");
            }

            do
            {
                var name = Identifier();
                if (Current.IsSymbol("("))
                {
                    throw NotImplementedHere("CTE column list");
                }

                Expect("AS");
                Expect("(");
                var cte = Query();
                Expect(")");
                with.Add(new CommonTableExpression(name, cte));
            }
            while (Accept(","));
        }

        if (Current.IsSymbol("(") && with.Count == 0)
        {
            Advance();
            var inner = Query();
            Expect(")");
            RefuseSetOperation();
            return inner;
        }

        Expect("SELECT");
        if (Current.Is("TOP"))
        {
            throw NotImplementedHere("SELECT TOP");
        }

        var distinct = Accept("DISTINCT");
        if (!distinct)
        {
            Accept("ALL");
        }

        var items = new List<SelectItem>();
        do
        {
            items.Add(SelectItem());
        }
        while (Accept(","));

        TableSource? from = null;
        if (Accept("FROM"))
        {
            from = TableSource();
            if (Current.IsSymbol(",") || Current.Is("JOIN") || Current.Is("INNER") || Current.Is("LEFT") || Current.Is("RIGHT") ||
                Current.Is("FULL") || Current.Is("CROSS") || Current.Is("NATURAL") || Current.Is("LATERAL"))
            {
                throw NotImplementedHere("JOIN");
            }
        }

        Expr? where = null;
        if (Accept("WHERE"))
        {
            where = Expression();
        }

        var groupBy = new List<Expr>();
        if (Accept("GROUP"))
        {
            Expect("BY");
            if (Current.Is("ROLLUP") || Current.Is("CUBE") || Current.Is("GROUPING"))
            {
                throw NotImplementedHere("GROUP BY " + Current.Text);
            }

            if (Current.Is("ALL") && (Peek().Kind == TokenKind.End || Peek().IsSymbol(";") || Peek().IsSymbol(")")))
            {
                throw NotImplementedHere("GROUP BY ALL");
            }

            do
            {
                groupBy.Add(Expression());
            }
            while (Accept(","));
        }

        Expr? having = null;
        if (Accept("HAVING"))
        {
            having = Expression();
        }

        if (Current.Is("QUALIFY") || Current.Is("WINDOW"))
        {
            throw NotImplementedHere(Current.Text);
        }

        RefuseSetOperation();
        var orderBy = new List<OrderItem>();
        if (Accept("ORDER"))
        {
            Expect("BY");
            do
            {
                var expression = Expression();
                var descending = false;
                if (Accept("DESC"))
                {
                    descending = true;
                }
                else
                {
                    Accept("ASC");
                }

                bool? nullsFirst = null;
                if (Accept("NULLS"))
                {
                    if (Accept("FIRST"))
                    {
                        nullsFirst = true;
                    }
                    else
                    {
                        Expect("LAST");
                        nullsFirst = false;
                    }
                }

                orderBy.Add(new OrderItem(expression, descending, nullsFirst));
            }
            while (Accept(","));
        }

        Expr? limit = null;
        Expr? offset = null;
        if (Accept("LIMIT"))
        {
            limit = Expression();
            if (Accept("OFFSET"))
            {
                offset = Expression();
            }
        }
        else if (Current.Is("OFFSET") || Current.Is("FETCH"))
        {
            throw NotImplementedHere(Current.Text);
        }

        return new Query(SpanFrom(start), with, distinct, items, from, where, groupBy, having, orderBy, limit, offset);
    }

    private void RefuseSetOperation()
    {
        if (Current.Is("UNION") || Current.Is("INTERSECT") || Current.Is("EXCEPT") || Current.Is("MINUS"))
        {
            throw NotImplementedHere(Current.Text);
        }
    }

    private SelectItem SelectItem()
    {
        var start = Current;
        if (Current.IsSymbol("*"))
        {
            Advance();
            RefuseStarModifiers();
            return new SelectItem(new StarExpr(SpanFrom(start), []), null);
        }

        // T.* and S.T.*: identifiers followed by ". *".
        var look = 0;
        while (Peek(look).Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier && Peek(look + 1).IsSymbol("."))
        {
            if (Peek(look + 2).IsSymbol("*"))
            {
                var qualifier = new List<string>();
                for (var k = 0; k <= look; k += 2)
                {
                    qualifier.Add(Peek(k).Text);
                }

                _position += look + 3;
                RefuseStarModifiers();
                return new SelectItem(new StarExpr(SpanFrom(start), qualifier), null);
            }

            look += 2;
        }

        var expression = Expression();
        return new SelectItem(expression, Alias());
    }

    private void RefuseStarModifiers()
    {
        if (Current.Is("EXCLUDE") || Current.Is("RENAME") || Current.Is("REPLACE") || Current.Is("ILIKE"))
        {
            throw NotImplementedHere("* " + Current.Text);
        }
    }

    private string? Alias()
    {
        if (Accept("AS"))
        {
            return Identifier();
        }

        if (Current.Kind == TokenKind.QuotedIdentifier || (Current.Kind == TokenKind.Identifier && !s_reserved.Contains(Current.Text)))
        {
            return Advance().Text;
        }

        return null;
    }

    private TableSource TableSource()
    {
        var start = Current;
        if (Accept("("))
        {
            var query = Query();
            Expect(")");
            return new SubquerySource(SpanFrom(start), query, Alias());
        }

        if (Current.Is("TABLE") && Peek().IsSymbol("("))
        {
            throw NotImplementedHere("table functions");
        }

        var name = ObjectName();
        if (Current.IsSymbol("("))
        {
            throw NotImplementedHere("table functions");
        }

        if (Current.Is("AT") || Current.Is("BEFORE") || Current.Is("CHANGES") || Current.Is("SAMPLE") || Current.Is("TABLESAMPLE"))
        {
            throw NotImplementedHere(Current.Text);
        }

        return new NamedTableSource(SpanFrom(start), name, Alias());
    }
}
