namespace Snowferry.Planning.Sql;

/// <summary>
/// One <c>ORDER BY</c> key. NULL placement is always rendered explicitly: Snowflake's default depends on the
/// DEFAULT_NULL_ORDERING parameter and flips for DESC (docs.snowflake.com/en/sql-reference/constructs/order-by).
/// </summary>
/// <param name="Expression">The key.</param>
/// <param name="Descending">DESC instead of ASC.</param>
/// <param name="NullsLast">NULLS LAST instead of NULLS FIRST.</param>
internal sealed record SqlOrderItem(SqlExpression Expression, bool Descending = false, bool NullsLast = true);
