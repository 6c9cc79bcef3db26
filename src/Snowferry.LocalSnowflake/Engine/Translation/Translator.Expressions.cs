using Snowferry.LocalSnowflake.Engine.Sql;
using Snowferry.LocalSnowflake.Engine.Storage;

namespace Snowferry.LocalSnowflake.Engine.Translation;

internal sealed partial class Translator
{
    private Typed Compile(Expr expression, ExprContext context)
    {
        var typed = CompileCore(expression, context);
        if (typed.Bare is not null && context.Grouped && context.GroupKeys.Contains(typed.Sql))
        {
            typed = typed with { Bare = null };
        }

        return typed;
    }

    private Typed CompileCore(Expr expression, ExprContext context)
    {
        switch (expression)
        {
            case NumberLiteral number:
                return NumberConstant(number.Digits, number.Span);
            case StringLiteral text:
                return StringConstant(text.Value);
            case BooleanLiteral boolean:
                return new Typed(boolean.Value ? "TRUE" : "FALSE", SnowType.Boolean);
            case NullLiteral:
                return Typed.Null;
            case TypedLiteral literal:
                return CastTo(StringConstant(literal.Value), literal.Type, tryCast: false, literal.Span);
            case Parameter parameter:
                return Binding(parameter);
            case ColumnRef column:
                return ResolveColumn(column, context);
            case StarExpr star:
                throw SqlErrors.Syntax(star.Span.Line, star.Span.Column, "unexpected '*'");
            case UnaryExpr unary:
                return Unary(unary, context);
            case BinaryExpr binary:
                return Binary(binary, context);
            case IsNullExpr isNull:
                var operand = Compile(isNull.Operand, context);
                return Derived($"({operand.Sql} IS {(isNull.Negated ? "NOT " : "")}NULL)", SnowType.Boolean, operand);
            case InListExpr inList:
                return InList(inList, context);
            case BetweenExpr between:
                return Between(between, context);
            case LikeExpr like:
                var subject = CastTo(Compile(like.Operand, context), SnowType.Text, false, like.Span);
                var pattern = CastTo(Compile(like.Pattern, context), SnowType.Text, false, like.Span);
                var op = (like.Negated ? "NOT " : "") + (like.CaseInsensitive ? "ILIKE" : "LIKE");
                return Derived($"({subject.Sql} {op} {pattern.Sql})", SnowType.Boolean, subject, pattern);
            case CaseExpr caseExpr:
                return Case(caseExpr, context);
            case CastExpr cast:
                return CastTo(Compile(cast.Operand, context), cast.Target, cast.Try, cast.Span);
            case FunctionCall call:
                return Function(call, context);
            default:
                throw SqlErrors.NotImplemented(expression.GetType().Name);
        }
    }

    /// <summary>A result computed from <paramref name="parts"/>: carries their aggregate and grouping flags.</summary>
    private static Typed Derived(string sql, SnowType type, params Typed[] parts) => new(sql, type)
    {
        Aggregate = parts.Any(p => p.Aggregate),
        Bare = parts.Select(p => p.Bare).FirstOrDefault(b => b is not null),
    };

    private static Typed StringConstant(string value) =>
        new(Native.Quote(value), SnowType.Varchar(Math.Max(value.Length, 1))) { Constant = value };

    private static Typed NumberConstant(string digits, SourceSpan span)
    {
        if (digits.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            return new Typed($"CAST('{digits}' AS DOUBLE)", SnowType.Real);
        }

        var unsigned = digits.TrimStart('-', '+');
        var point = unsigned.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = (point < 0 ? unsigned : unsigned[..point]).TrimStart('0').Length;
        var scale = point < 0 ? 0 : unsigned.Length - point - 1;
        var precision = Math.Max(integerDigits + scale, 1);
        if (precision > 38)
        {
            if (scale > 0 || integerDigits > 38)
            {
                return new Typed($"CAST('{digits}' AS DOUBLE)", SnowType.Real);
            }

            throw SqlErrors.Compilation(span.Line, span.Column, $"Numeric literal '{digits}' out of range");
        }

        var type = SnowType.Number(precision, scale);
        return new Typed($"CAST('{digits}' AS {type.DuckType})", type);
    }

    private Typed Unary(UnaryExpr unary, ExprContext context)
    {
        var operand = Compile(unary.Operand, context);
        if (unary.Operator == "NOT")
        {
            var condition = CastTo(operand, SnowType.Boolean, false, unary.Span);
            return Derived($"(NOT {condition.Sql})", SnowType.Boolean, condition);
        }

        var numeric = operand.Type.Kind is SnowKind.Fixed or SnowKind.Real or SnowKind.Null
            ? operand
            : CastTo(operand, SnowType.Real, false, unary.Span);
        return Derived($"(-{numeric.Sql})", numeric.Type.Kind == SnowKind.Null ? SnowType.Number(38, 0) : numeric.Type, numeric);
    }

    private Typed Binary(BinaryExpr binary, ExprContext context)
    {
        var left = Compile(binary.Left, context);
        var right = Compile(binary.Right, context);
        switch (binary.Operator)
        {
            case "AND" or "OR":
                var l = CastTo(left, SnowType.Boolean, false, binary.Span);
                var r = CastTo(right, SnowType.Boolean, false, binary.Span);
                return Derived($"({l.Sql} {binary.Operator} {r.Sql})", SnowType.Boolean, l, r);
            case "=" or "<>" or "<" or ">" or "<=" or ">=":
                var (a, b) = Comparable(left, right, binary.Span);
                return Derived($"({a} {binary.Operator} {b})", SnowType.Boolean, left, right);
            case "||":
                var ls = CastTo(left, SnowType.Text, false, binary.Span);
                var rs = CastTo(right, SnowType.Text, false, binary.Span);
                return Derived($"({ls.Sql} || {rs.Sql})", SnowType.Varchar(Math.Min(SnowType.MaxTextLength, ls.Type.Length + rs.Type.Length)), ls, rs);
            default:
                return Arithmetic(binary.Operator, left, right, binary.Span);
        }
    }

    /// <summary>Both sides converted to a common type; TIMESTAMP_TZ compares by instant.</summary>
    private (string Left, string Right) Comparable(Typed left, Typed right, SourceSpan span)
    {
        if (left.Type.Kind == SnowKind.Fixed && right.Type.Kind == SnowKind.Fixed)
        {
            // DuckDB compares decimals of any precision and scale exactly.
            return (left.Sql, right.Sql);
        }

        var common = CommonType(left.Type, right.Type, span);
        var a = CastTo(left, common, false, span);
        var b = CastTo(right, common, false, span);
        return common.Kind == SnowKind.TimestampTz
            ? ($"struct_extract({a.Sql}, 'u')", $"struct_extract({b.Sql}, 'u')")
            : (a.Sql, b.Sql);
    }

    private static SnowType CommonType(SnowType a, SnowType b, SourceSpan span)
    {
        if (a.Kind == SnowKind.Null)
        {
            return b;
        }

        if (b.Kind == SnowKind.Null || a == b)
        {
            return a;
        }

        if (a.Kind == b.Kind)
        {
            return a.Kind switch
            {
                SnowKind.Fixed => FixedType(Math.Max(a.Precision - a.Scale, b.Precision - b.Scale), Math.Max(a.Scale, b.Scale)),
                SnowKind.Text => SnowType.Varchar(Math.Max(a.Length, b.Length)),
                _ => a with { Scale = Math.Max(a.Scale, b.Scale), Length = Math.Max(a.Length, b.Length) },
            };
        }

        if (a.IsNumeric && b.IsNumeric)
        {
            return SnowType.Real;
        }

        if (a.Kind == SnowKind.Text)
        {
            return b;
        }

        if (b.Kind == SnowKind.Text)
        {
            return a;
        }

        static int Rank(SnowKind kind) => kind switch
        {
            SnowKind.Date => 1,
            SnowKind.TimestampNtz => 2,
            SnowKind.TimestampLtz => 3,
            SnowKind.TimestampTz => 4,
            _ => 0,
        };

        if (Rank(a.Kind) > 0 && Rank(b.Kind) > 0)
        {
            return Rank(a.Kind) >= Rank(b.Kind) ? a : b;
        }

        if (a.Kind == SnowKind.Variant || b.Kind == SnowKind.Variant)
        {
            return SnowType.Variant;
        }

        throw SqlErrors.Compilation(span.Line, span.Column, $"Cannot compare or combine {a.DescribeName} and {b.DescribeName}");
    }

    private static SnowType FixedType(int integerDigits, int scale)
    {
        scale = Math.Min(scale, 37);
        return SnowType.Number(Math.Min(38, Math.Max(integerDigits + scale, 1)), scale);
    }

    private Typed InList(InListExpr inList, ExprContext context)
    {
        var operand = Compile(inList.Operand, context);
        var items = inList.Items.Select(i => Compile(i, context)).ToList();
        var common = items.Aggregate(operand.Type, (t, i) => CommonType(t, i.Type, inList.Span));
        var left = CastTo(operand, common, false, inList.Span);
        var rendered = items.Select(i => CastTo(i, common, false, inList.Span)).ToList();
        string Value(Typed t) => common.Kind == SnowKind.TimestampTz ? $"struct_extract({t.Sql}, 'u')" : t.Sql;
        return Derived(
            $"({Value(left)} {(inList.Negated ? "NOT IN" : "IN")} ({string.Join(", ", rendered.Select(Value))}))",
            SnowType.Boolean,
            [left, .. rendered]);
    }

    private Typed Between(BetweenExpr between, ExprContext context)
    {
        var operand = Compile(between.Operand, context);
        var low = Compile(between.Low, context);
        var high = Compile(between.High, context);
        var (a, l) = Comparable(operand, low, between.Span);
        var (b, h) = Comparable(operand, high, between.Span);
        var sql = $"({a} >= {l} AND {b} <= {h})";
        return Derived(between.Negated ? $"(NOT {sql})" : sql, SnowType.Boolean, operand, low, high);
    }

    private Typed Case(CaseExpr caseExpr, ExprContext context)
    {
        var operand = caseExpr.Operand is null ? null : Compile(caseExpr.Operand, context);
        var conditions = new List<string>();
        var parts = new List<Typed>();
        var results = new List<Typed>();
        foreach (var (when, then) in caseExpr.Branches)
        {
            var condition = Compile(when, context);
            parts.Add(condition);
            if (operand is not null)
            {
                var (a, b) = Comparable(operand, condition, when.Span);
                conditions.Add($"{a} = {b}");
            }
            else
            {
                conditions.Add(CastTo(condition, SnowType.Boolean, false, when.Span).Sql);
            }

            results.Add(Compile(then, context));
        }

        var otherwise = caseExpr.Else is null ? Typed.Null : Compile(caseExpr.Else, context);
        var type = results.Append(otherwise).Aggregate(SnowType.Null, (t, r) => CommonType(t, r.Type, caseExpr.Span));
        var sql = new System.Text.StringBuilder("(CASE");
        for (var i = 0; i < conditions.Count; i++)
        {
            sql.Append(" WHEN ").Append(conditions[i]).Append(" THEN ").Append(CastTo(results[i], type, false, caseExpr.Span).Sql);
        }

        sql.Append(" ELSE ").Append(CastTo(otherwise, type, false, caseExpr.Span).Sql).Append(" END)");
        parts.AddRange(results);
        parts.Add(otherwise);
        if (operand is not null)
        {
            parts.Add(operand);
        }

        return Derived(sql.ToString(), type, [.. parts]);
    }

    /// <summary>
    /// a / b rounded half away from zero at the result's scale, on 128-bit integers: DuckDB divides decimals in
    /// floating point, which Snowflake never does.
    /// </summary>
    private static string ExactDivide(string a, int scaleA, string b, int scaleB, SnowType result)
    {
        var shift = result.Scale - scaleA + scaleB;
        var numerator = $"({Unscaled(a, scaleA)} * CAST('1{new string('0', shift)}' AS HUGEINT))";
        var denominator = Unscaled(b, scaleB);
        var quotient = $"((abs({numerator}) * 2 + abs({denominator})) // (abs({denominator}) * 2) * sign({numerator}) * sign({denominator}))";
        return $"(CASE WHEN {denominator} = 0 THEN error('snowferry:100051:22012:Division by zero') ELSE CAST(CAST({quotient} AS DECIMAL(38,0)) * {ScaleFactor(result.Scale)} AS {result.DuckType}) END)";
    }

    private static bool HasAggregate(Expr? expression) => expression switch
    {
        null => false,
        FunctionCall call => IsAggregate(call.Name) || call.Arguments.Any(HasAggregate),
        UnaryExpr unary => HasAggregate(unary.Operand),
        BinaryExpr binary => HasAggregate(binary.Left) || HasAggregate(binary.Right),
        IsNullExpr isNull => HasAggregate(isNull.Operand),
        InListExpr inList => HasAggregate(inList.Operand) || inList.Items.Any(HasAggregate),
        BetweenExpr between => HasAggregate(between.Operand) || HasAggregate(between.Low) || HasAggregate(between.High),
        LikeExpr like => HasAggregate(like.Operand) || HasAggregate(like.Pattern),
        CaseExpr caseExpr => HasAggregate(caseExpr.Operand) || HasAggregate(caseExpr.Else) ||
            caseExpr.Branches.Any(b => HasAggregate(b.When) || HasAggregate(b.Then)),
        CastExpr cast => HasAggregate(cast.Operand),
        _ => false,
    };
}
