using Snowferry.LocalSnowflake.Engine.Translation;

namespace Snowferry.LocalSnowflake.Engine.Sql;

/// <summary>Expressions by Snowflake's operator precedence: OR, AND, NOT, comparisons, additive and ||, multiplicative, unary, ::.</summary>
internal sealed partial class Parser
{
    private Expr Expression() => Or();

    private Expr Or()
    {
        var start = Current;
        var left = And();
        while (Accept("OR"))
        {
            left = new BinaryExpr(SpanFrom(start), "OR", left, And());
        }

        return left;
    }

    private Expr And()
    {
        var start = Current;
        var left = Not();
        while (Accept("AND"))
        {
            left = new BinaryExpr(SpanFrom(start), "AND", left, Not());
        }

        return left;
    }

    private Expr Not()
    {
        var start = Current;
        if (Accept("NOT"))
        {
            var operand = Not();
            return new UnaryExpr(SpanFrom(start), "NOT", operand);
        }

        return Comparison();
    }

    private Expr Comparison()
    {
        var start = Current;
        var left = Additive();
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.Symbol && token.Text is "=" or "<>" or "!=" or "<" or ">" or "<=" or ">=")
            {
                Advance();
                if (Current.Is("ANY") || Current.Is("ALL") || Current.Is("SOME"))
                {
                    throw NotImplementedHere("quantified comparison");
                }

                var right = Additive();
                left = new BinaryExpr(SpanFrom(start), token.Text == "!=" ? "<>" : token.Text, left, right);
                continue;
            }

            if (Accept("IS"))
            {
                var negated = Accept("NOT");
                if (Current.Is("DISTINCT"))
                {
                    throw NotImplementedHere("IS DISTINCT FROM");
                }

                Expect("NULL");
                left = new IsNullExpr(SpanFrom(start), left, negated);
                continue;
            }

            var not = Current.Is("NOT") && (Peek().Is("IN") || Peek().Is("BETWEEN") || Peek().Is("LIKE") || Peek().Is("ILIKE") || Peek().Is("RLIKE"));
            if (not)
            {
                Advance();
            }

            if (Accept("IN"))
            {
                Expect("(");
                if (Current.Is("SELECT") || Current.Is("WITH"))
                {
                    throw NotImplementedHere("IN (subquery)");
                }

                var items = new List<Expr>();
                do
                {
                    items.Add(Expression());
                }
                while (Accept(","));

                Expect(")");
                left = new InListExpr(SpanFrom(start), left, items, not);
            }
            else if (Accept("BETWEEN"))
            {
                var low = Additive();
                Expect("AND");
                var high = Additive();
                left = new BetweenExpr(SpanFrom(start), left, low, high, not);
            }
            else if (Current.Is("LIKE") || Current.Is("ILIKE"))
            {
                var insensitive = Advance().Text == "ILIKE";
                if (Current.Is("ANY") || Current.Is("ALL"))
                {
                    throw NotImplementedHere("LIKE " + Current.Text);
                }

                var pattern = Additive();
                if (Current.Is("ESCAPE"))
                {
                    throw NotImplementedHere("LIKE ... ESCAPE");
                }

                left = new LikeExpr(SpanFrom(start), left, pattern, not, insensitive);
            }
            else if (Current.Is("RLIKE") || Current.Is("REGEXP"))
            {
                throw NotImplementedHere(Current.Text);
            }
            else
            {
                return left;
            }
        }
    }

    private Expr Additive()
    {
        var start = Current;
        var left = Multiplicative();
        while (Current.Kind == TokenKind.Symbol && Current.Text is "+" or "-" or "||")
        {
            var op = Advance().Text;
            left = new BinaryExpr(SpanFrom(start), op, left, Multiplicative());
        }

        return left;
    }

    private Expr Multiplicative()
    {
        var start = Current;
        var left = Unary();
        while (Current.Kind == TokenKind.Symbol && Current.Text is "*" or "/" or "%")
        {
            var op = Advance().Text;
            left = new BinaryExpr(SpanFrom(start), op, left, Unary());
        }

        return left;
    }

    private Expr Unary()
    {
        var start = Current;
        if (Current.IsSymbol("-") || Current.IsSymbol("+"))
        {
            var op = Advance().Text;
            var operand = Unary();
            if (op == "-" && operand is NumberLiteral number)
            {
                return new NumberLiteral(SpanFrom(start), "-" + number.Digits);
            }

            return op == "-" ? new UnaryExpr(SpanFrom(start), "-", operand) : operand;
        }

        return Postfix();
    }

    private Expr Postfix()
    {
        var start = Current;
        var expression = Primary();
        while (Accept("::"))
        {
            expression = new CastExpr(SpanFrom(start), expression, TypeName(), Try: false);
        }

        if (Current.IsSymbol("[") || Current.IsSymbol(":"))
        {
            throw NotImplementedHere("semi-structured paths");
        }

        return expression;
    }

    private Expr Primary()
    {
        var start = Current;
        switch (start.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(SpanFrom(start), start.Text);
            case TokenKind.String:
                Advance();
                return new StringLiteral(SpanFrom(start), start.Text);
            case TokenKind.Parameter:
                Advance();
                return new Parameter(SpanFrom(start), _parameterCount++);
            case TokenKind.Symbol when start.Text == "(":
                Advance();
                if (Current.Is("SELECT") || Current.Is("WITH"))
                {
                    throw NotImplementedHere("scalar subqueries");
                }

                var inner = Expression();
                Expect(")");
                return inner;
            case TokenKind.QuotedIdentifier:
                return NameOrCall();
            case TokenKind.Identifier:
                break;
            default:
                throw Unexpected();
        }

        switch (start.Text)
        {
            case "NULL":
                Advance();
                return new NullLiteral(SpanFrom(start));
            case "TRUE" or "FALSE":
                Advance();
                return new BooleanLiteral(SpanFrom(start), start.Text == "TRUE");
            case "CASE":
                return Case();
            case "CAST" or "TRY_CAST" when Peek().IsSymbol("("):
                Advance();
                Advance();
                var operand = Expression();
                Expect("AS");
                var type = TypeName();
                Expect(")");
                return new CastExpr(SpanFrom(start), operand, type, start.Text == "TRY_CAST");
            case "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "TIMESTAMP_LTZ" or "TIMESTAMP_TZ" or "TIME" when Peek().Kind == TokenKind.String:
                Advance();
                var text = Advance().Text;
                var literalType = SnowTypes.FromName(start.Text, [], start);
                return new TypedLiteral(SpanFrom(start), literalType, text);
            case "CURRENT_TIMESTAMP" or "CURRENT_DATE" or "CURRENT_TIME" or "LOCALTIMESTAMP" or "SYSDATE" when !Peek().IsSymbol("("):
                Advance();
                return new FunctionCall(SpanFrom(start), start.Text, [], false, false);
            case "EXISTS":
                throw NotImplementedHere("EXISTS");
            case "INTERVAL":
                throw NotImplementedHere("INTERVAL");
        }

        if (s_reserved.Contains(start.Text))
        {
            throw Unexpected();
        }

        return NameOrCall();
    }

    private Expr NameOrCall()
    {
        var start = Current;
        var parts = new List<string> { Advance().Text };
        if (start.Kind == TokenKind.Identifier && Current.IsSymbol("("))
        {
            return Call(start);
        }

        while (Current.IsSymbol(".") && Peek().Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
        {
            Advance();
            parts.Add(Advance().Text);
        }

        if (Current.IsSymbol("("))
        {
            throw NotImplementedHere("qualified function names");
        }

        return new ColumnRef(SpanFrom(start), parts);
    }

    private FunctionCall Call(Token start)
    {
        Expect("(");
        var arguments = new List<Expr>();
        var distinct = false;
        var star = false;
        if (Current.IsSymbol("*"))
        {
            Advance();
            star = true;
        }
        else if (!Current.IsSymbol(")"))
        {
            distinct = Accept("DISTINCT");
            if (!distinct)
            {
                Accept("ALL");
            }

            do
            {
                if (Current.Kind == TokenKind.Identifier && Peek().IsSymbol("=>"))
                {
                    throw NotImplementedHere("named arguments");
                }

                arguments.Add(Expression());
            }
            while (Accept(","));
        }

        Expect(")");
        if (Current.Is("OVER"))
        {
            throw NotImplementedHere("window functions");
        }

        if (Current.Is("WITHIN"))
        {
            throw NotImplementedHere("WITHIN GROUP");
        }

        return new FunctionCall(SpanFrom(start), start.Text, arguments, distinct, star);
    }

    private CaseExpr Case()
    {
        var start = Advance();
        Expr? operand = null;
        if (!Current.Is("WHEN"))
        {
            operand = Expression();
        }

        var branches = new List<(Expr, Expr)>();
        while (Accept("WHEN"))
        {
            var when = Expression();
            Expect("THEN");
            branches.Add((when, Expression()));
        }

        if (branches.Count == 0)
        {
            throw Unexpected();
        }

        Expr? otherwise = null;
        if (Accept("ELSE"))
        {
            otherwise = Expression();
        }

        Expect("END");
        return new CaseExpr(SpanFrom(start), operand, branches, otherwise);
    }
}
