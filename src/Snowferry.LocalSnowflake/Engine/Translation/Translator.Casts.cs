using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Sql;
using Snowferry.LocalSnowflake.Engine.Storage;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>
/// Snowflake's conversions. TIMESTAMP_NTZ is a wall clock, TIMESTAMP_LTZ an instant shown in the session zone,
/// TIMESTAMP_TZ an instant with its own offset: DuckDB stores the first two as TIMESTAMP (the LTZ one in UTC) and the
/// last as STRUCT(u UTC TIMESTAMP, o offset minutes). DuckDB's own TimeZone is UTC; the session zone is applied here.
/// </summary>
internal sealed partial class Translator
{
    private Typed CastTo(Typed value, SnowType target, bool tryCast, SourceSpan span)
    {
        var source = value.Type;
        if (source.Kind == SnowKind.Null)
        {
            return value with { Sql = $"CAST(NULL AS {target.DuckType})", Type = target, Constant = null };
        }

        if (source.Kind == target.Kind && (source.Kind != SnowKind.Fixed || (source.Precision == target.Precision && source.Scale == target.Scale)))
        {
            return value with { Type = target };
        }

        if (value.Constant is { } constant && source.Kind == SnowKind.Text)
        {
            var parsed = ConvertConstant(constant, target, tryCast);
            return value with { Sql = parsed, Type = target, Constant = target.Kind == SnowKind.Text ? constant : null };
        }

        var sql = Convert(value.Sql, source, target, tryCast, span);
        return value with { Sql = sql, Type = target, Constant = null };
    }

    private string Convert(string v, SnowType source, SnowType target, bool tryCast, SourceSpan span)
    {
        var cast = tryCast ? "TRY_CAST" : "CAST";
        var s = source.Kind;
        switch (target.Kind)
        {
            case SnowKind.Fixed:
                return s switch
                {
                    SnowKind.Fixed or SnowKind.Real => $"{cast}({v} AS {target.DuckType})",
                    SnowKind.Text or SnowKind.Variant => $"{cast}(trim({v}) AS {target.DuckType})",
                    SnowKind.Boolean => $"CAST(CASE WHEN {v} THEN 1 ELSE 0 END AS {target.DuckType})",
                    _ => throw Unsupported(),
                };
            case SnowKind.Real:
                return s switch
                {
                    SnowKind.Fixed or SnowKind.Real => $"CAST({v} AS DOUBLE)",
                    SnowKind.Text or SnowKind.Variant => $"{cast}(trim({v}) AS DOUBLE)",
                    SnowKind.Boolean => $"CAST(CASE WHEN {v} THEN 1 ELSE 0 END AS DOUBLE)",
                    _ => throw Unsupported(),
                };
            case SnowKind.Text:
                return s switch
                {
                    SnowKind.Fixed or SnowKind.Real or SnowKind.Variant or SnowKind.Object or SnowKind.Array => $"CAST({v} AS VARCHAR)",
                    SnowKind.Boolean => $"(CASE WHEN {v} THEN 'true' WHEN NOT {v} THEN 'false' END)",
                    SnowKind.Date => $"strftime({v}, '%Y-%m-%d')",
                    SnowKind.Time => $"strftime(TIMESTAMP '1970-01-01' + {v}, '%H:%M:%S')",
                    SnowKind.TimestampNtz => $"strftime({v}, '%Y-%m-%d %H:%M:%S.%g')",
                    SnowKind.TimestampLtz => TzText(TzFromInstant(v, SessionZone)),
                    SnowKind.TimestampTz => TzText(v),
                    SnowKind.Binary => $"upper(hex({v}))",
                    _ => throw Unsupported(),
                };
            case SnowKind.Boolean:
                return s switch
                {
                    SnowKind.Fixed or SnowKind.Real => $"({v} <> 0)",
                    SnowKind.Text or SnowKind.Variant =>
                        $"(CASE WHEN lower(trim({v})) IN ('true', 't', 'yes', 'y', 'on', '1') THEN TRUE " +
                        $"WHEN lower(trim({v})) IN ('false', 'f', 'no', 'n', 'off', '0') THEN FALSE " +
                        (tryCast ? "END)" : $"WHEN {v} IS NOT NULL THEN error('snowferry:100037:22018:Boolean value ''' || {v} || ''' is not recognized') END)"),
                    _ => throw Unsupported(),
                };
            case SnowKind.Date:
                return s switch
                {
                    SnowKind.Text or SnowKind.Variant => $"{cast}(CAST(trim({v}) AS TIMESTAMP) AS DATE)",
                    SnowKind.TimestampNtz => $"CAST({v} AS DATE)",
                    SnowKind.TimestampLtz => $"CAST({LocalFromInstant(v, SessionZone)} AS DATE)",
                    SnowKind.TimestampTz => $"CAST({TzLocal(v)} AS DATE)",
                    _ => throw Unsupported(),
                };
            case SnowKind.Time:
                return s switch
                {
                    SnowKind.Text => $"{cast}(trim({v}) AS TIME)",
                    SnowKind.TimestampNtz => $"CAST({v} AS TIME)",
                    SnowKind.TimestampLtz => $"CAST({LocalFromInstant(v, SessionZone)} AS TIME)",
                    SnowKind.TimestampTz => $"CAST({TzLocal(v)} AS TIME)",
                    _ => throw Unsupported(),
                };
            case SnowKind.TimestampNtz:
                return s switch
                {
                    SnowKind.Date => $"CAST({v} AS TIMESTAMP)",
                    SnowKind.TimestampLtz => LocalFromInstant(v, SessionZone),
                    SnowKind.TimestampTz => TzLocal(v),
                    SnowKind.Text or SnowKind.Variant => $"{cast}(trim(regexp_replace(trim({v}), '(Z|[+-]\\d\\d:?\\d\\d)$', '')) AS TIMESTAMP)",
                    SnowKind.Fixed or SnowKind.Real => EpochSeconds(v, source, 0),
                    _ => throw Unsupported(),
                };
            case SnowKind.TimestampLtz:
                return s switch
                {
                    SnowKind.Date => InstantFromLocal($"CAST({v} AS TIMESTAMP)", SessionZone),
                    SnowKind.TimestampNtz => InstantFromLocal(v, SessionZone),
                    SnowKind.TimestampTz => $"struct_extract({v}, 'u')",
                    SnowKind.Text or SnowKind.Variant => $"struct_extract({TextToTz(v, cast)}, 'u')",
                    SnowKind.Fixed or SnowKind.Real => EpochSeconds(v, source, 0),
                    _ => throw Unsupported(),
                };
            case SnowKind.TimestampTz:
                return s switch
                {
                    SnowKind.Date => TzFromInstant(InstantFromLocal($"CAST({v} AS TIMESTAMP)", SessionZone), SessionZone),
                    SnowKind.TimestampNtz => TzFromInstant(InstantFromLocal(v, SessionZone), SessionZone),
                    SnowKind.TimestampLtz => TzFromInstant(v, SessionZone),
                    SnowKind.Text or SnowKind.Variant => TextToTz(v, cast),
                    SnowKind.Fixed or SnowKind.Real => TzFromInstant(EpochSeconds(v, source, 0), SessionZone),
                    _ => throw Unsupported(),
                };
            case SnowKind.Binary:
                return s switch
                {
                    SnowKind.Text => $"unhex({v})",
                    _ => throw Unsupported(),
                };
            case SnowKind.Variant or SnowKind.Object or SnowKind.Array:
                return s switch
                {
                    SnowKind.Text or SnowKind.Variant or SnowKind.Object or SnowKind.Array => v,
                    _ => throw Unsupported(),
                };
            default:
                throw Unsupported();
        }

        SnowflakeSqlException Unsupported() => tryCast && source.Kind != SnowKind.Text
            ? SqlErrors.Compilation(span.Line, span.Column, $"Function TRY_CAST cannot be used with arguments of types {source.DescribeName} and {target.DescribeName}")
            : SqlErrors.Compilation(span.Line, span.Column, $"Expression type does not match column data type, expecting {target.DescribeName} but got {source.DescribeName}");
    }

    /// <summary>Seconds (or units of 10^-scale seconds) since the epoch, as a TIMESTAMP.</summary>
    private static string EpochSeconds(string v, SnowType source, int scale)
    {
        if (source.Kind == SnowKind.Real)
        {
            return $"make_timestamp(CAST(round({v} * 1e{(6 - scale).ToString(CultureInfo.InvariantCulture)}) AS BIGINT))";
        }

        var micros = scale <= 6
            ? $"CAST(CAST({v} AS DECIMAL(38,{Math.Min(source.Scale, 37).ToString(CultureInfo.InvariantCulture)})) * CAST('1{new string('0', 6 - scale)}' AS DECIMAL(38,0)) AS BIGINT)"
            : $"CAST(CAST({v} AS DECIMAL(38,{Math.Min(source.Scale, 37).ToString(CultureInfo.InvariantCulture)})) // CAST('1{new string('0', scale - 6)}' AS DECIMAL(38,0)) AS BIGINT)";
        return $"make_timestamp({micros})";
    }

    /// <summary>The wall clock of a UTC instant in a zone.</summary>
    private static string LocalFromInstant(string instant, string zone) => $"timezone({zone}, CAST({instant} AS TIMESTAMPTZ))";

    /// <summary>The UTC instant of a wall clock read in a zone.</summary>
    private static string InstantFromLocal(string local, string zone) => $"CAST(timezone({zone}, {local}) AS TIMESTAMP)";

    /// <summary>A TIMESTAMP_TZ for an instant, with the zone's offset at that instant (NULL stays NULL, not a struct of NULLs).</summary>
    private static string TzFromInstant(string instant, string zone) =>
        $"(CASE WHEN ({instant}) IS NULL THEN NULL ELSE struct_pack(u := {instant}, o := CAST((epoch_us({LocalFromInstant(instant, zone)}) - epoch_us({instant})) // 60000000 AS SMALLINT)) END)";

    /// <summary>The wall clock of a TIMESTAMP_TZ in its own offset.</summary>
    private static string TzLocal(string tz) =>
        $"(struct_extract({tz}, 'u') + to_minutes(CAST(struct_extract({tz}, 'o') AS BIGINT)))";

    private static string TzFromLocal(string local, string offsetMinutes) =>
        $"(CASE WHEN ({local}) IS NULL THEN NULL ELSE struct_pack(u := ({local}) - to_minutes(CAST({offsetMinutes} AS BIGINT)), o := CAST({offsetMinutes} AS SMALLINT)) END)";

    private static string TzText(string tz) =>
        $"(strftime({TzLocal(tz)}, '%Y-%m-%d %H:%M:%S.%g') || ' ' || (CASE WHEN struct_extract({tz}, 'o') < 0 THEN '-' ELSE '+' END) || " +
        $"lpad(CAST(abs(struct_extract({tz}, 'o')) // 60 AS VARCHAR), 2, '0') || lpad(CAST(abs(struct_extract({tz}, 'o')) % 60 AS VARCHAR), 2, '0'))";

    /// <summary>Text with an optional trailing offset (<c>+05:30</c>, <c>-0800</c>, <c>Z</c>); without one, the session zone applies.</summary>
    private string TextToTz(string v, string cast)
    {
        var text = $"trim({v})";
        var offset = $"regexp_extract({text}, '([+-]\\d\\d:?\\d\\d|Z)$')";
        var wall = $"{cast}(trim(left({text}, length({text}) - length({offset}))) AS TIMESTAMP)";
        var minutes = $"(CASE WHEN {offset} = 'Z' THEN 0 ELSE (CASE WHEN left({offset}, 1) = '-' THEN -1 ELSE 1 END) * " +
            $"(CAST(substr({offset}, 2, 2) AS INTEGER) * 60 + CAST(right({offset}, 2) AS INTEGER)) END)";
        return $"(CASE WHEN {offset} = '' THEN {TzFromInstant(InstantFromLocal(wall, SessionZone), SessionZone)} ELSE {TzFromLocal(wall, minutes)} END)";
    }

    /// <summary>A string constant converted at compile time, with Snowflake's error for a value it does not read.</summary>
    private string ConvertConstant(string constant, SnowType target, bool tryCast)
    {
        var converted = target.Kind switch
        {
            SnowKind.Text or SnowKind.Variant or SnowKind.Object or SnowKind.Array => Native.Quote(constant),
            SnowKind.Fixed => Literals.Decimal(constant.Trim(), target),
            SnowKind.Real => Literals.Double(constant.Trim()),
            SnowKind.Boolean => Literals.Boolean(constant),
            SnowKind.Date => Literals.Date(constant),
            SnowKind.Time => Literals.Time(constant),
            SnowKind.TimestampNtz => Literals.Timestamp(constant) is { } ntz ? ntz.WallSql : null,
            SnowKind.TimestampLtz => Literals.Timestamp(constant) is { } ltz
                ? ltz.OffsetMinutes is { } o ? $"({ltz.WallSql} - to_minutes({o.ToString(CultureInfo.InvariantCulture)}))" : InstantFromLocal(ltz.WallSql, SessionZone)
                : null,
            SnowKind.TimestampTz => Literals.Timestamp(constant) is { } tz
                ? tz.OffsetMinutes is { } o ? TzFromLocal(tz.WallSql, o.ToString(CultureInfo.InvariantCulture)) : TzFromInstant(InstantFromLocal(tz.WallSql, SessionZone), SessionZone)
                : null,
            SnowKind.Binary => Literals.Binary(constant),
            _ => null,
        };
        if (converted is not null)
        {
            return converted;
        }

        if (tryCast)
        {
            return $"CAST(NULL AS {target.DuckType})";
        }

        throw target.Kind switch
        {
            SnowKind.Fixed or SnowKind.Real => SqlErrors.NumericNotRecognized(constant),
            SnowKind.Date => SqlErrors.DateNotRecognized(constant),
            SnowKind.Boolean => new SnowflakeSqlException("100037", "22018", $"Boolean value '{constant}' is not recognized"),
            SnowKind.Binary => new SnowflakeSqlException("100115", "22000", $"The following string is not a legal hex-encoded value: '{constant}'"),
            _ => SqlErrors.TimestampNotRecognized(constant),
        };
    }
}
