namespace Snowferry.Planning.Sql;

/// <summary>One entry of the <c>SELECT</c> list: <c>expression AS "alias"</c>.</summary>
/// <param name="Expression">The value.</param>
/// <param name="Alias">The result column's name; none when null.</param>
internal sealed record SqlSelectItem(SqlExpression Expression, SqlIdentifier? Alias = null);
