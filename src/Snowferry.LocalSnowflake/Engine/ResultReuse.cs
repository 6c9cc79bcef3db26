using System.Collections.Frozen;
using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine;

/// <summary>
/// Which statements Snowflake could answer from a persisted result (its docs, "Using persisted query results"): a query
/// whose result depends only on its text, its context and the tables it reads. Not DDL, DML, DESCRIBE or COPY INTO, not
/// a query over INFORMATION_SCHEMA (the catalog changes under it), not one calling a function evaluated at execution.
/// </summary>
internal static class ResultReuse
{
    /// <summary>
    /// Functions evaluated at execution, so a query calling one is never reused. Snowflake's docs name CURRENT_TIMESTAMP,
    /// UUID_STRING, RANDOM and RANDSTR and make CURRENT_DATE an exception (reused); the rest are the same kind.
    /// </summary>
    private static readonly FrozenSet<string> s_evaluatedAtExecution = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "CURRENT_TIMESTAMP", "CURRENT_TIME", "LOCALTIMESTAMP", "LOCALTIME", "SYSDATE", "SYSTIMESTAMP", "GETDATE",
        "RANDOM", "RANDSTR", "UUID_STRING", "UNIFORM", "NORMAL", "ZIPF", "SEQ1", "SEQ2", "SEQ4", "SEQ8");

    /// <summary>
    /// The (schema, table) names a reusable statement reads, unqualified names resolved in <paramref name="defaultSchema"/>
    /// as the translator resolves them; null when its result may not be reused. A one-part name that may be a CTE is
    /// listed too: an extra table only costs a cache miss, a missing one would serve a stale result.
    /// </summary>
    public static List<(string Schema, string Table)>? TablesRead(Statement statement, string defaultSchema)
    {
        if (statement is not SelectStatement select || defaultSchema == "INFORMATION_SCHEMA")
        {
            return null;
        }

        var tables = new List<(string, string)>();
        return Query(select.Query, defaultSchema, tables) ? tables : null;
    }

    private static bool Query(Query query, string defaultSchema, List<(string, string)> tables)
    {
        foreach (var cte in query.With)
        {
            if (!Query(cte.Query, defaultSchema, tables))
            {
                return false;
            }
        }

        if (query.From is { } from && !Source(from, defaultSchema, tables))
        {
            return false;
        }

        return query.Items.All(i => Expression(i.Expression))
            && (query.Where is null || Expression(query.Where))
            && query.GroupBy.All(Expression)
            && (query.Having is null || Expression(query.Having))
            && query.OrderBy.All(o => Expression(o.Expression))
            && (query.Limit is null || Expression(query.Limit))
            && (query.Offset is null || Expression(query.Offset));
    }

    private static bool Source(TableSource source, string defaultSchema, List<(string, string)> tables)
    {
        switch (source)
        {
            case SubquerySource subquery:
                return Query(subquery.Query, defaultSchema, tables);
            case NamedTableSource named:
                var parts = named.Name.Parts;
                var schema = parts.Count == 1 ? defaultSchema : parts[^2];
                if (schema == "INFORMATION_SCHEMA")
                {
                    return false;
                }

                tables.Add((schema, parts[^1]));
                return true;
            default:
                return false;
        }
    }

    /// <summary>False when the expression calls a function evaluated at execution, or is of a kind not known here.</summary>
    private static bool Expression(Expr expression) => expression switch
    {
        NumberLiteral or StringLiteral or BooleanLiteral or NullLiteral or TypedLiteral or Parameter or ColumnRef or StarExpr => true,
        UnaryExpr unary => Expression(unary.Operand),
        BinaryExpr binary => Expression(binary.Left) && Expression(binary.Right),
        IsNullExpr isNull => Expression(isNull.Operand),
        InListExpr inList => Expression(inList.Operand) && inList.Items.All(Expression),
        BetweenExpr between => Expression(between.Operand) && Expression(between.Low) && Expression(between.High),
        LikeExpr like => Expression(like.Operand) && Expression(like.Pattern),
        CaseExpr @case => (@case.Operand is null || Expression(@case.Operand))
            && @case.Branches.All(b => Expression(b.When) && Expression(b.Then))
            && (@case.Else is null || Expression(@case.Else)),
        CastExpr cast => Expression(cast.Operand),
        FunctionCall call => !s_evaluatedAtExecution.Contains(call.Name) && call.Arguments.All(Expression),
        _ => false,
    };
}

/// <summary>One table a reusable query reads, with the change number it had when the query was looked at.</summary>
internal readonly record struct TableRead(string Schema, string Table, long ChangeNumber);

/// <summary>The tables a reusable query reads: its result stays valid while none of them changes.</summary>
internal sealed record TableReads(IReadOnlyList<TableRead> Tables);
