using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>Arithmetic: NUMBER by Snowflake's precision and scale rules and exactly; FLOAT as doubles; DATE plus days.</summary>
internal sealed partial class Translator
{
    private Typed Arithmetic(string op, Typed left, Typed right, SourceSpan span)
    {
        if (left.Type.Kind == SnowKind.Date && right.Type.Kind is SnowKind.Fixed && op is "+" or "-")
        {
            return Derived($"CAST({left.Sql} {op} CAST({right.Sql} AS INTEGER) AS DATE)", SnowType.Date, left, right);
        }

        if (left.Type.Kind == SnowKind.Date && right.Type.Kind == SnowKind.Date && op == "-")
        {
            return Derived($"CAST({left.Sql} - {right.Sql} AS DECIMAL(38,0))", SnowType.Number(38, 0), left, right);
        }

        if (left.Type.Kind is SnowKind.Fixed or SnowKind.Null && right.Type.Kind is SnowKind.Fixed or SnowKind.Null)
        {
            var a = left.Type.Kind == SnowKind.Null ? SnowType.Number(38, 0) : left.Type;
            var b = right.Type.Kind == SnowKind.Null ? SnowType.Number(38, 0) : right.Type;
            return FixedArithmetic(op, left, a, right, b, span);
        }

        if (!(left.Type.Kind is SnowKind.Fixed or SnowKind.Real or SnowKind.Text or SnowKind.Null) ||
            !(right.Type.Kind is SnowKind.Fixed or SnowKind.Real or SnowKind.Text or SnowKind.Null))
        {
            throw SqlErrors.InvalidArgumentTypes(span.Line, span.Column, op, $"{left.Type.DescribeName}, {right.Type.DescribeName}");
        }

        var x = CastTo(left, SnowType.Real, false, span);
        var y = CastTo(right, SnowType.Real, false, span);
        // DuckDB gives NULL for a division by zero; Snowflake fails the statement.
        var sql = op switch
        {
            "%" => $"(CASE WHEN {y.Sql} = 0 THEN error('snowferry:100051:22012:Division by zero') ELSE fmod({x.Sql}, {y.Sql}) END)",
            "/" => $"(CASE WHEN {y.Sql} = 0 THEN error('snowferry:100051:22012:Division by zero') ELSE {x.Sql} / {y.Sql} END)",
            _ => $"({x.Sql} {op} {y.Sql})",
        };
        return Derived(sql, SnowType.Real, x, y);
    }

    /// <summary>NUMBER arithmetic with Snowflake's result precision and scale, exact (never through a float).</summary>
    private static Typed FixedArithmetic(string op, Typed left, SnowType a, Typed right, SnowType b, SourceSpan span)
    {
        int la = a.Precision - a.Scale, lb = b.Precision - b.Scale;
        string Wide(Typed t, SnowType type) => $"CAST({t.Sql} AS DECIMAL(38,{type.Scale.ToString(CultureInfo.InvariantCulture)}))";
        switch (op)
        {
            case "+" or "-":
                var sum = FixedType(Math.Max(la, lb) + 1, Math.Max(a.Scale, b.Scale));
                return Derived($"CAST(({Wide(left, a)} {op} {Wide(right, b)}) AS {sum.DuckType})", sum, left, right);
            case "*":
                var scale = Math.Min(a.Scale + b.Scale, Math.Max(Math.Max(a.Scale, b.Scale), 12));
                var product = FixedType(la + lb, scale);
                return Derived($"CAST(({Wide(left, a)} * {Wide(right, b)}) AS {product.DuckType})", product, left, right);
            case "/":
                var quotientScale = Math.Max(a.Scale, Math.Min(a.Scale + 6, 12));
                var quotient = FixedType(la + b.Scale, quotientScale);
                return Derived(ExactDivide(left.Sql, a.Scale, right.Sql, b.Scale, quotient), quotient, left, right);
            case "%":
                var remainder = FixedType(Math.Min(la, lb), Math.Max(a.Scale, b.Scale));
                var s = remainder.Scale;
                return Derived(
                    $"(CASE WHEN {Unscaled(right.Sql, s)} = 0 THEN error('snowferry:100051:22012:Division by zero') " +
                    $"ELSE CAST(CAST(({Unscaled(left.Sql, s)} % {Unscaled(right.Sql, s)}) AS DECIMAL(38,0)) * {ScaleFactor(s)} AS {remainder.DuckType}) END)",
                    remainder, left, right);
            default:
                throw SqlErrors.Syntax(span.Line, span.Column, $"unexpected '{op}'");
        }
    }

    /// <summary>The unscaled HUGEINT of a decimal at scale <paramref name="scale"/> (exact: through its text).</summary>
    private static string Unscaled(string sql, int scale) =>
        $"CAST(replace(CAST(CAST({sql} AS DECIMAL(38,{scale.ToString(CultureInfo.InvariantCulture)})) AS VARCHAR), '.', '') AS HUGEINT)";

    private static string ScaleFactor(int scale) => scale == 0
        ? "CAST(1 AS DECIMAL(1,0))"
        : $"CAST('0.{new string('0', scale - 1)}1' AS DECIMAL(38,{scale.ToString(CultureInfo.InvariantCulture)}))";
}
