namespace Snowferry.Planning.Sql;

/// <summary>A column of the table in <c>FROM</c>.</summary>
/// <param name="Column">The column's exact name.</param>
internal sealed record SqlColumnRef(SqlIdentifier Column) : SqlExpression;
