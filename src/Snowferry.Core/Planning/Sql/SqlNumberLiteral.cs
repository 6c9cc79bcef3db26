namespace Snowferry.Planning.Sql;

/// <summary>An integer constant.</summary>
/// <param name="Value">The value.</param>
internal sealed record SqlNumberLiteral(long Value) : SqlExpression;
