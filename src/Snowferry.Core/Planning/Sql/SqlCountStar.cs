namespace Snowferry.Planning.Sql;

/// <summary><c>COUNT(*)</c>.</summary>
internal sealed record SqlCountStar : SqlExpression;
