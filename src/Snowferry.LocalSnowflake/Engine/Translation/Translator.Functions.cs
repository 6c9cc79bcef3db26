using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>The scalar functions, with Snowflake's argument rules and result types.</summary>
internal sealed partial class Translator
{
    private Typed Function(FunctionCall call, ExprContext context)
    {
        if (IsAggregate(call.Name))
        {
            return AggregateFunction(call, context);
        }

        if (call.Distinct || call.Star)
        {
            throw SqlErrors.Syntax(call.Span.Line, call.Span.Column, $"unexpected '{(call.Star ? "*" : "DISTINCT")}'");
        }

        var span = call.Span;
        var name = call.Name;
        switch (name)
        {
            case "DATE_TRUNC":
                Arity(call, 2, 2);
                return DateTrunc(DatePart(call.Arguments[0]), Compile(call.Arguments[1], context), span);
            case "CONVERT_TIMEZONE":
                Arity(call, 2, 3);
                return ConvertTimezone(call, context);
            case "DATEADD" or "TIMESTAMPADD":
                Arity(call, 3, 3);
                return DateAdd(DatePart(call.Arguments[0]), Compile(call.Arguments[1], context), Compile(call.Arguments[2], context), span);
            case "DATEDIFF" or "TIMESTAMPDIFF":
                Arity(call, 3, 3);
                var part = DatePart(call.Arguments[0]);
                var from = CastTo(Compile(call.Arguments[1], context), SnowType.TimestampNtz, false, span);
                var to = CastTo(Compile(call.Arguments[2], context), SnowType.TimestampNtz, false, span);
                return Derived($"CAST(date_diff('{part}', {from.Sql}, {to.Sql}) AS DECIMAL(18,0))", SnowType.Number(18, 0), from, to);
            case "TO_DATE" or "DATE" or "TRY_TO_DATE":
                Arity(call, 1, 1);
                return CastTo(Compile(call.Arguments[0], context), SnowType.Date, name.StartsWith("TRY_", StringComparison.Ordinal), span);
            case "TO_TIMESTAMP" or "TO_TIMESTAMP_NTZ" or "TRY_TO_TIMESTAMP" or "TRY_TO_TIMESTAMP_NTZ":
                return ToTimestamp(call, SnowType.TimestampNtz, context);
            case "TO_TIMESTAMP_LTZ" or "TRY_TO_TIMESTAMP_LTZ":
                return ToTimestamp(call, SnowType.TimestampLtz, context);
            case "TO_TIMESTAMP_TZ" or "TRY_TO_TIMESTAMP_TZ":
                return ToTimestamp(call, SnowType.TimestampTz, context);
            case "TO_NUMBER" or "TO_DECIMAL" or "TO_NUMERIC" or "TRY_TO_NUMBER" or "TRY_TO_DECIMAL" or "TRY_TO_NUMERIC":
                return ToNumber(call, context);
            case "TO_DOUBLE" or "TRY_TO_DOUBLE":
                Arity(call, 1, 1);
                return CastTo(Compile(call.Arguments[0], context), SnowType.Real, name.StartsWith("TRY_", StringComparison.Ordinal), span);
            case "TO_BOOLEAN" or "TRY_TO_BOOLEAN":
                Arity(call, 1, 1);
                return CastTo(Compile(call.Arguments[0], context), SnowType.Boolean, name.StartsWith("TRY_", StringComparison.Ordinal), span);
            case "TO_VARCHAR" or "TO_CHAR":
                Arity(call, 1, 1);
                return CastTo(Compile(call.Arguments[0], context), SnowType.Text, false, span);
            case "TRIM" or "LTRIM" or "RTRIM":
                Arity(call, 1, 2);
                var text = CastTo(Compile(call.Arguments[0], context), SnowType.Text, false, span);
                // Snowflake's default strips only spaces (DuckDB's too, but say so explicitly).
                var characters = call.Arguments.Count == 2 ? CastTo(Compile(call.Arguments[1], context), SnowType.Text, false, span) : StringConstant(" ");
                return Derived($"{name.ToLowerInvariant()}({text.Sql}, {characters.Sql})", text.Type, text, characters);
            case "UPPER" or "LOWER":
                Arity(call, 1, 1);
                var cased = CastTo(Compile(call.Arguments[0], context), SnowType.Text, false, span);
                return Derived($"{name.ToLowerInvariant()}({cased.Sql})", cased.Type, cased);
            case "LENGTH" or "LEN" or "CHAR_LENGTH" or "CHARACTER_LENGTH":
                Arity(call, 1, 1);
                var measured = Compile(call.Arguments[0], context);
                var function = measured.Type.Kind == SnowKind.Binary ? "octet_length" : "length";
                measured = measured.Type.Kind == SnowKind.Binary ? measured : CastTo(measured, SnowType.Text, false, span);
                return Derived($"CAST({function}({measured.Sql}) AS DECIMAL(18,0))", SnowType.Number(18, 0), measured);
            case "CONCAT":
                Arity(call, 1, int.MaxValue);
                var pieces = call.Arguments.Select(a => CastTo(Compile(a, context), SnowType.Text, false, span)).ToArray();
                return Derived($"({string.Join(" || ", pieces.Select(p => p.Sql))})", SnowType.Text, pieces);
            case "SUBSTR" or "SUBSTRING":
                Arity(call, 2, 3);
                var whole = CastTo(Compile(call.Arguments[0], context), SnowType.Text, false, span);
                var rest = call.Arguments.Skip(1).Select(a => CastTo(Compile(a, context), SnowType.Number(38, 0), false, span)).ToArray();
                return Derived($"substring({whole.Sql}, {string.Join(", ", rest.Select(r => $"CAST({r.Sql} AS BIGINT)"))})", whole.Type, [whole, .. rest]);
            case "REPLACE":
                Arity(call, 2, 3);
                var replaced = call.Arguments.Select(a => CastTo(Compile(a, context), SnowType.Text, false, span)).ToList();
                if (replaced.Count == 2)
                {
                    replaced.Add(StringConstant(""));
                }

                return Derived($"replace({replaced[0].Sql}, {replaced[1].Sql}, {replaced[2].Sql})", SnowType.Text, [.. replaced]);
            case "COALESCE" or "NVL" or "IFNULL":
                Arity(call, name == "COALESCE" ? 1 : 2, name == "COALESCE" ? int.MaxValue : 2);
                return Coalesce(call.Arguments.Select(a => Compile(a, context)).ToList(), span);
            case "NULLIF":
                Arity(call, 2, 2);
                var first = Compile(call.Arguments[0], context);
                var second = Compile(call.Arguments[1], context);
                var (l, r) = Comparable(first, second, span);
                var common = CommonType(first.Type, second.Type, span);
                var kept = CastTo(first, common, false, span);
                return Derived($"(CASE WHEN {l} = {r} THEN NULL ELSE {kept.Sql} END)", common, first, second);
            case "IFF":
                Arity(call, 3, 3);
                var condition = CastTo(Compile(call.Arguments[0], context), SnowType.Boolean, false, span);
                var then = Compile(call.Arguments[1], context);
                var otherwise = Compile(call.Arguments[2], context);
                var type = CommonType(then.Type, otherwise.Type, span);
                return Derived(
                    $"(CASE WHEN {condition.Sql} THEN {CastTo(then, type, false, span).Sql} ELSE {CastTo(otherwise, type, false, span).Sql} END)",
                    type, condition, then, otherwise);
            case "YEAR" or "MONTH" or "DAY" or "DAYOFMONTH" or "HOUR" or "MINUTE" or "SECOND" or "QUARTER" or "DAYOFYEAR" or "WEEK" or "DAYOFWEEK":
                Arity(call, 1, 1);
                var moment = Compile(call.Arguments[0], context);
                var wall = moment.Type.Kind == SnowKind.Date ? moment.Sql : CastTo(moment, SnowType.TimestampNtz, false, span).Sql;
                var extracted = name switch
                {
                    "DAYOFMONTH" => "day",
                    "WEEK" => "weekofyear",
                    _ => name.ToLowerInvariant(),
                };
                return Derived($"CAST({extracted}({wall}) AS DECIMAL(38,0))", SnowType.Number(38, 0), moment);
            case "ABS":
                Arity(call, 1, 1);
                var magnitude = Numeric(Compile(call.Arguments[0], context), span);
                return Derived($"abs({magnitude.Sql})", magnitude.Type, magnitude);
            case "ROUND" or "FLOOR" or "CEIL" or "CEILING" or "TRUNC" or "TRUNCATE":
                Arity(call, 1, 2);
                return Round(call, context);
            case "CURRENT_TIMESTAMP" or "SYSDATE" or "LOCALTIMESTAMP" or "GETDATE":
                Arity(call, 0, 1);
                var now = "CAST(get_current_timestamp() AS TIMESTAMP)";
                return name == "CURRENT_TIMESTAMP"
                    ? new Typed(now, SnowType.TimestampLtz)
                    : new Typed(name == "SYSDATE" ? now : LocalFromInstant(now, SessionZone), SnowType.TimestampNtz);
            case "CURRENT_DATE":
                Arity(call, 0, 0);
                return new Typed($"CAST({LocalFromInstant("CAST(get_current_timestamp() AS TIMESTAMP)", SessionZone)} AS DATE)", SnowType.Date);
            case "CURRENT_DATABASE":
                Arity(call, 0, 0);
                return StringConstant(_options.DatabaseName);
            case "CURRENT_SCHEMA":
                Arity(call, 0, 0);
                return StringConstant(DefaultSchema);
            default:
                throw SqlErrors.UnknownFunction(span.Line, span.Column, name);
        }
    }

    private static void Arity(FunctionCall call, int min, int max)
    {
        if (call.Arguments.Count < min || call.Arguments.Count > max)
        {
            var types = string.Join(", ", Enumerable.Repeat("?", call.Arguments.Count));
            throw SqlErrors.InvalidArgumentTypes(call.Span.Line, call.Span.Column, call.Name, types);
        }
    }

    private Typed Numeric(Typed value, SourceSpan span) =>
        value.Type.Kind switch
        {
            SnowKind.Fixed or SnowKind.Real => value,
            SnowKind.Null => CastTo(value, SnowType.Number(38, 0), false, span),
            _ => CastTo(value, SnowType.Real, false, span),
        };

    private Typed Coalesce(List<Typed> values, SourceSpan span)
    {
        var type = values.Aggregate(SnowType.Null, (t, v) => CommonType(t, v.Type, span));
        var rendered = values.Select(v => CastTo(v, type, false, span)).ToArray();
        return Derived($"coalesce({string.Join(", ", rendered.Select(r => r.Sql))})", type, rendered);
    }

    private Typed ToNumber(FunctionCall call, ExprContext context)
    {
        Arity(call, 1, 3);
        var tryCast = call.Name.StartsWith("TRY_", StringComparison.Ordinal);
        var value = Compile(call.Arguments[0], context);
        if (tryCast && value.Type.Kind is not (SnowKind.Text or SnowKind.Null))
        {
            throw SqlErrors.InvalidArgumentTypes(call.Span.Line, call.Span.Column, call.Name, value.Type.DescribeName);
        }

        var numbers = new List<int>();
        foreach (var argument in call.Arguments.Skip(1))
        {
            if (argument is StringLiteral)
            {
                throw SqlErrors.NotImplemented(call.Name + " with a format");
            }

            if (argument is not NumberLiteral literal || !int.TryParse(literal.Digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw SqlErrors.Compilation(argument.Span.Line, argument.Span.Column, "Invalid precision or scale: expected a constant");
            }

            numbers.Add(n);
        }

        var precision = numbers.Count > 0 ? numbers[0] : 38;
        var scale = numbers.Count > 1 ? numbers[1] : 0;
        if (precision is < 1 or > 38 || scale < 0 || scale > precision)
        {
            throw SqlErrors.Compilation(call.Span.Line, call.Span.Column, "Invalid precision or scale");
        }

        return CastTo(value, SnowType.Number(precision, scale), tryCast, call.Span);
    }

    private Typed Round(FunctionCall call, ExprContext context)
    {
        var value = Numeric(Compile(call.Arguments[0], context), call.Span);
        var digits = 0;
        if (call.Arguments.Count == 2)
        {
            var argument = call.Arguments[1];
            if (argument is not NumberLiteral literal || !int.TryParse(literal.Digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out digits))
            {
                throw SqlErrors.NotImplemented(call.Name + " with a non-constant scale");
            }
        }

        var function = call.Name switch
        {
            "ROUND" => "round",
            "FLOOR" => "floor",
            "CEIL" or "CEILING" => "ceil",
            _ => "trunc",
        };
        if (value.Type.Kind == SnowKind.Real)
        {
            var real = function == "round" ? $"round({value.Sql}, {digits.ToString(CultureInfo.InvariantCulture)})"
                : digits == 0 ? $"{function}({value.Sql})"
                : $"({function}({value.Sql} * 1e{digits.ToString(CultureInfo.InvariantCulture)}) / 1e{digits.ToString(CultureInfo.InvariantCulture)})";
            return Derived(real, SnowType.Real, value);
        }

        var scale = Math.Clamp(digits, 0, value.Type.Scale);
        var type = SnowType.Number(Math.Min(38, value.Type.Precision - value.Type.Scale + scale + 1), scale);
        var sql = function switch
        {
            "round" => $"round({value.Sql}, {digits.ToString(CultureInfo.InvariantCulture)})",
            _ when digits == 0 => $"{function}({value.Sql})",
            _ => throw SqlErrors.NotImplemented(call.Name + " with a scale"),
        };
        return Derived($"CAST({sql} AS {type.DuckType})", type, value);
    }

}
