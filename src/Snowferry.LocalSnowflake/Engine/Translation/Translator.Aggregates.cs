using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>Aggregates with Snowflake's result types: COUNT is NUMBER(18,0), SUM of NUMBER(p,s) is an exact, range-checked NUMBER(38,s).</summary>
internal sealed partial class Translator
{
    private static bool IsAggregate(string name) => name is "COUNT" or "COUNT_IF" or "SUM" or "MIN" or "MAX" or "AVG" or "APPROX_COUNT_DISTINCT";

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

        if (call.Name == "APPROX_COUNT_DISTINCT")
        {
            // HyperLogLog in both engines; a row with a NULL in any argument is not counted (as COUNT(DISTINCT a, b)).
            Arity(call, 1, int.MaxValue);
            var values = call.Arguments.Select(a => Compile(a, inner).Sql).ToList();
            var anyNull = string.Join(" OR ", values.Select(v => $"({v}) IS NULL"));
            var tuple = values.Count == 1 ? values[0] : $"row({string.Join(", ", values)})";
            return new Typed($"CAST(approx_count_distinct(CASE WHEN {anyNull} THEN NULL ELSE {tuple} END) AS DECIMAL(18,0))", SnowType.Number(18, 0)) { Aggregate = true };
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
