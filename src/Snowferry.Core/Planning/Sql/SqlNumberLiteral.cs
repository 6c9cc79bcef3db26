namespace Snowferry.Planning.Sql;

/// <summary>An integer constant.</summary>
/// <param name="Value">The value.</param>
public sealed record SqlNumberLiteral(long Value) : SqlExpression;
