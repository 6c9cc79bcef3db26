namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>A bound expression: its DuckDB SQL and its Snowflake type.</summary>
internal sealed record Typed(string Sql, SnowType Type)
{
    /// <summary>Contains an aggregate call.</summary>
    public bool Aggregate { get; init; }

    /// <summary>In a grouped query: the first column used outside any aggregate and outside any group key.</summary>
    public string? Bare { get; init; }

    /// <summary>The value of a string constant, so conversions of literals are checked and parsed at compile time.</summary>
    public string? Constant { get; init; }

    public static Typed Null { get; } = new("NULL", SnowType.Null);
}

/// <summary>A column visible in a scope: its qualifiers, Snowflake name, DuckDB reference and type.</summary>
internal sealed record ScopeColumn(string? Table, string? Schema, string Name, string Sql, SnowType Type);

/// <summary>What an expression may reference and how aggregation constrains it.</summary>
internal sealed class ExprContext
{
    public IReadOnlyList<ScopeColumn> Columns { get; init; } = [];

    public bool Grouped { get; init; }

    public IReadOnlySet<string> GroupKeys { get; init; } = new HashSet<string>();

    public bool AllowAggregates { get; init; }

    public bool InAggregate { get; init; }

    /// <summary>Where aggregates are not allowed (WHERE, GROUP BY), for the error message.</summary>
    public string Clause { get; init; } = "";

    public ExprContext InsideAggregate() => new()
    {
        Columns = Columns,
        Grouped = false,
        AllowAggregates = false,
        InAggregate = true,
        Clause = "aggregate",
    };
}
