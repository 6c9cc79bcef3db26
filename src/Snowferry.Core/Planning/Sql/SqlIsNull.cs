namespace Snowferry.Planning.Sql;

/// <summary><c>operand IS NULL</c>.</summary>
/// <param name="Operand">The value tested.</param>
internal sealed record SqlIsNull(SqlExpression Operand) : SqlExpression;
