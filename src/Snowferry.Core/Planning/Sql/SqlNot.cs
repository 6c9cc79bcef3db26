namespace Snowferry.Planning.Sql;

/// <summary><c>NOT operand</c>.</summary>
/// <param name="Operand">The condition negated.</param>
internal sealed record SqlNot(SqlExpression Operand) : SqlExpression;
