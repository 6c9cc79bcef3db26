namespace Snowferry.Planning.Sql;

/// <summary><c>COUNT(*)</c>.</summary>
public sealed record SqlCountStar : SqlExpression;
