using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>The scalar functions, with Snowflake's argument rules and result types.</summary>
internal sealed partial class Translator
{
    private static bool IsAggregate(string name) => name is "COUNT" or "COUNT_IF" or "SUM" or "MIN" or "MAX" or "AVG";

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

    /// <summary>A date or time part, written as a string or a bare word (<c>'MONTH'</c>, <c>month</c>, <c>MM</c>), as DuckDB names it.</summary>
    private static string DatePart(Expr expression)
    {
        var text = expression switch
        {
            StringLiteral s => s.Value.ToUpperInvariant(),
            ColumnRef { Parts.Count: 1 } c => c.Parts[0].ToUpperInvariant(),
            _ => throw SqlErrors.Compilation(expression.Span.Line, expression.Span.Column, "Invalid date/time part: expected a constant"),
        };
        return text switch
        {
            "YEAR" or "Y" or "YY" or "YYY" or "YYYY" or "YR" or "YEARS" or "YRS" => "year",
            "QUARTER" or "Q" or "QTR" or "QTRS" or "QUARTERS" => "quarter",
            "MONTH" or "MM" or "MON" or "MONS" or "MONTHS" => "month",
            "WEEK" or "W" or "WK" or "WEEKOFYEAR" or "WOY" or "WY" => "week",
            "DAY" or "D" or "DD" or "DAYS" or "DAYOFMONTH" => "day",
            "HOUR" or "H" or "HH" or "HR" or "HOURS" or "HRS" => "hour",
            "MINUTE" or "M" or "MI" or "MIN" or "MINUTES" or "MINS" => "minute",
            "SECOND" or "S" or "SEC" or "SECONDS" or "SECS" => "second",
            "MILLISECOND" or "MS" or "MSEC" or "MILLISECONDS" => "millisecond",
            "MICROSECOND" or "US" or "USEC" or "MICROSECONDS" => "microsecond",
            _ => throw SqlErrors.Compilation(expression.Span.Line, expression.Span.Column, $"Invalid date/time part '{text}'"),
        };
    }

    /// <summary>DATE_TRUNC keeps the input type; LTZ truncates in the session zone, TZ in its own offset (and keeps it).</summary>
    private Typed DateTrunc(string part, Typed value, SourceSpan span)
    {
        var v = value.Sql;
        return value.Type.Kind switch
        {
            SnowKind.Date => Derived($"CAST(date_trunc('{part}', {v}) AS DATE)", SnowType.Date, value),
            SnowKind.TimestampNtz => Derived($"date_trunc('{part}', {v})", value.Type, value),
            SnowKind.TimestampLtz => Derived(InstantFromLocal($"date_trunc('{part}', {LocalFromInstant(v, SessionZone)})", SessionZone), value.Type, value),
            SnowKind.TimestampTz => Derived(TzFromLocal($"date_trunc('{part}', {TzLocal(v)})", $"struct_extract({v}, 'o')"), value.Type, value),
            SnowKind.Time => Derived($"CAST(date_trunc('{part}', TIMESTAMP '1970-01-01' + {v}) AS TIME)", value.Type, value),
            SnowKind.Null => Derived($"CAST(NULL AS TIMESTAMP)", SnowType.TimestampNtz, value),
            SnowKind.Text => DateTrunc(part, CastTo(value, SnowType.TimestampNtz, false, span), span),
            _ => throw SqlErrors.InvalidArgumentTypes(span.Line, span.Column, "DATE_TRUNC", $"VARCHAR, {value.Type.DescribeName}"),
        };
    }

    private Typed DateAdd(string part, Typed amount, Typed value, SourceSpan span)
    {
        var count = CastTo(amount, SnowType.Number(38, 0), false, span);
        var interval = part switch
        {
            "year" => "to_years",
            "quarter" => "to_months",
            "month" => "to_months",
            "week" => "to_weeks",
            "day" => "to_days",
            "hour" => "to_hours",
            "minute" => "to_minutes",
            "second" => "to_seconds",
            "millisecond" => "to_milliseconds",
            _ => "to_microseconds",
        };
        var n = part == "quarter" ? $"CAST({count.Sql} AS BIGINT) * 3" : $"CAST({count.Sql} AS BIGINT)";
        var add = $"{interval}({(interval is "to_years" or "to_months" or "to_weeks" or "to_days" ? $"CAST({n} AS INTEGER)" : n)})";
        var v = value.Sql;
        switch (value.Type.Kind)
        {
            case SnowKind.Date when part is "year" or "quarter" or "month" or "week" or "day":
                return Derived($"CAST({v} + {add} AS DATE)", SnowType.Date, count, value);
            case SnowKind.Date:
                return Derived($"(CAST({v} AS TIMESTAMP) + {add})", SnowType.TimestampNtz, count, value);
            case SnowKind.TimestampNtz or SnowKind.TimestampLtz:
                return Derived($"({v} + {add})", value.Type, count, value);
            case SnowKind.TimestampTz:
                return Derived(TzFromLocal($"({TzLocal(v)} + {add})", $"struct_extract({v}, 'o')"), value.Type, count, value);
            case SnowKind.Text:
                return DateAdd(part, amount, CastTo(value, SnowType.TimestampNtz, false, span), span);
            default:
                throw SqlErrors.InvalidArgumentTypes(span.Line, span.Column, "DATEADD", $"VARCHAR, NUMBER, {value.Type.DescribeName}");
        }
    }

    /// <summary>CONVERT_TIMEZONE(target, ts) gives TIMESTAMP_TZ (NTZ read in the session zone); (source, target, ntz) gives NTZ.</summary>
    private Typed ConvertTimezone(FunctionCall call, ExprContext context)
    {
        var span = call.Span;
        var zones = call.Arguments.Take(call.Arguments.Count - 1).Select(a => CastTo(Compile(a, context), SnowType.Text, false, span)).ToList();
        var value = Compile(call.Arguments[^1], context);
        foreach (var zone in zones)
        {
            if (zone.Constant is { } name && !IsKnownZone(name))
            {
                throw new SnowflakeSqlException("002003", "22023", $"Unknown timezone: '{name}'");
            }
        }

        if (zones.Count == 1)
        {
            var instant = value.Type.Kind switch
            {
                SnowKind.TimestampTz => $"struct_extract({value.Sql}, 'u')",
                SnowKind.TimestampLtz => value.Sql,
                _ => CastTo(value, SnowType.TimestampLtz, false, span).Sql,
            };
            return Derived(TzFromInstant(instant, zones[0].Sql), SnowType.TimestampTz, value, zones[0]);
        }

        var wall = CastTo(value, SnowType.TimestampNtz, false, span);
        return Derived(LocalFromInstant(InstantFromLocal(wall.Sql, zones[0].Sql), zones[1].Sql), SnowType.TimestampNtz, wall, zones[0], zones[1]);
    }

    private static bool IsKnownZone(string name) =>
        name.Equals("UTC", StringComparison.OrdinalIgnoreCase) || name.Equals("GMT", StringComparison.OrdinalIgnoreCase) ||
        TimeZoneInfo.TryFindSystemTimeZoneById(name, out _);

    private Typed ToTimestamp(FunctionCall call, SnowType target, ExprContext context)
    {
        Arity(call, 1, 2);
        var tryCast = call.Name.StartsWith("TRY_", StringComparison.Ordinal);
        var value = Compile(call.Arguments[0], context);
        if (call.Arguments.Count == 1 || value.Type.Kind is not (SnowKind.Fixed or SnowKind.Real))
        {
            if (call.Arguments.Count == 2)
            {
                throw SqlErrors.NotImplemented(call.Name + " with a format");
            }

            return CastTo(value, target, tryCast, call.Span);
        }

        if (call.Arguments[1] is not NumberLiteral scaleLiteral ||
            !int.TryParse(scaleLiteral.Digits, NumberStyles.None, CultureInfo.InvariantCulture, out var scale) || scale > 9)
        {
            throw SqlErrors.Compilation(call.Span.Line, call.Span.Column, "Invalid scale: expected a constant from 0 to 9");
        }

        var instant = EpochSeconds(value.Sql, value.Type, scale);
        var sql = target.Kind == SnowKind.TimestampTz ? TzFromInstant(instant, SessionZone) : instant;
        return Derived(sql, target, value);
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

    private Typed AggregateFunction(FunctionCall call, ExprContext context)
    {
        var span = call.Span;
        if (!context.AllowAggregates)
        {
            throw context.InAggregate
                ? SqlErrors.Compilation(span.Line, span.Column, "Aggregate functions cannot be nested")
                : SqlErrors.Compilation(span.Line, span.Column, $"Invalid aggregate function in {context.Clause} [{ColumnNameOf(call)}]");
        }

        var inner = context.InsideAggregate();
        var distinct = call.Distinct ? "DISTINCT " : "";
        if (call.Name == "COUNT")
        {
            if (call.Star)
            {
                return new Typed("CAST(count(*) AS DECIMAL(18,0))", SnowType.Number(18, 0)) { Aggregate = true };
            }

            Arity(call, 1, 1);
            var counted = Compile(call.Arguments[0], inner);
            return new Typed($"CAST(count({distinct}{counted.Sql}) AS DECIMAL(18,0))", SnowType.Number(18, 0)) { Aggregate = true };
        }

        if (call.Star)
        {
            throw SqlErrors.Syntax(span.Line, span.Column, "unexpected '*'");
        }

        Arity(call, 1, 1);
        var value = Compile(call.Arguments[0], inner);
        switch (call.Name)
        {
            case "COUNT_IF":
                var condition = CastTo(value, SnowType.Boolean, false, span);
                return new Typed($"CAST(coalesce(count_if({condition.Sql}), 0) AS DECIMAL(18,0))", SnowType.Number(18, 0)) { Aggregate = true };
            case "MIN" or "MAX":
                return new Typed($"{call.Name.ToLowerInvariant()}({distinct}{value.Sql})", value.Type) { Aggregate = true };
            case "SUM" or "AVG":
                var numeric = value.Type.Kind == SnowKind.Text ? CastTo(value, SnowType.Real, false, span) : Numeric(value, span);
                if (numeric.Type.Kind == SnowKind.Real)
                {
                    return new Typed($"{call.Name.ToLowerInvariant()}({distinct}{numeric.Sql})", SnowType.Real) { Aggregate = true };
                }

                var scale = numeric.Type.Scale;
                var wide = $"CAST({numeric.Sql} AS DECIMAL(38,{scale.ToString(CultureInfo.InvariantCulture)}))";
                var sum = $"sum({distinct}{wide})";
                // DuckDB's 128-bit accumulator can pass 38 digits without an error; Snowflake refuses the result.
                var limit = $"CAST('{new string('9', 38 - scale)}{(scale > 0 ? "." + new string('9', scale) : "")}' AS DECIMAL(38,{scale.ToString(CultureInfo.InvariantCulture)}))";
                var checkedSum = $"(CASE WHEN abs({sum}) > {limit} THEN error('snowferry:100046:22003:Number out of representable range') ELSE {sum} END)";
                if (call.Name == "SUM")
                {
                    return new Typed(checkedSum, SnowType.Number(38, scale)) { Aggregate = true };
                }

                var average = SnowType.Number(38, Math.Max(scale, Math.Min(scale + 6, 12)));
                var count = $"CAST(count({distinct}{numeric.Sql}) AS DECIMAL(38,0))";
                return new Typed(
                    $"(CASE WHEN count({distinct}{numeric.Sql}) = 0 THEN NULL ELSE {ExactDivide(checkedSum, scale, count, 0, average)} END)",
                    average)
                { Aggregate = true };
            default:
                throw SqlErrors.UnknownFunction(span.Line, span.Column, call.Name);
        }
    }
}
