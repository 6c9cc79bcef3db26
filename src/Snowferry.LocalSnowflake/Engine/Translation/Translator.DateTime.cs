using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>Date and time functions: truncation in the right zone, arithmetic, time zone conversion, epoch conversion.</summary>
internal sealed partial class Translator
{
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
}
