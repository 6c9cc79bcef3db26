namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>What a translated statement does.</summary>
internal abstract record Plan;

/// <summary>A DuckDB query whose columns are already projected for <see cref="Encoding.WireEncoder"/>.</summary>
internal sealed record QueryPlan(string Sql, IReadOnlyList<(string Name, SnowType Type)> Columns) : Plan;

/// <summary>A statement the translator already ran (DDL, DML, DESCRIBE).</summary>
internal sealed record DonePlan(EngineResult Result) : Plan;
