namespace Snowferry.Planning.Sql;

/// <summary>All operands joined by <c>OR</c> (at least one).</summary>
/// <param name="Operands">The conditions.</param>
internal sealed record SqlOr(IReadOnlyList<SqlExpression> Operands) : SqlExpression;
