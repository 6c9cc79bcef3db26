namespace Snowferry.Planning.Sql;

/// <summary><c>CAST(operand AS type)</c>.</summary>
/// <param name="Operand">The value cast.</param>
/// <param name="Type">The target type.</param>
internal sealed record SqlCast(SqlExpression Operand, SqlType Type) : SqlExpression;
