namespace Snowferry.Planning.Sql;

/// <summary><c>left = right</c>.</summary>
/// <param name="Left">Left side.</param>
/// <param name="Right">Right side.</param>
internal sealed record SqlEquals(SqlExpression Left, SqlExpression Right) : SqlExpression;
