namespace Snowferry.Planning.Sql;

/// <summary>All operands joined by <c>AND</c> (at least one).</summary>
/// <param name="Operands">The conditions.</param>
internal sealed record SqlAnd(IReadOnlyList<SqlExpression> Operands) : SqlExpression;
