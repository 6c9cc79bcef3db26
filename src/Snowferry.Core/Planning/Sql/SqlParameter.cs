namespace Snowferry.Planning.Sql;

/// <summary>A <c>?</c> placeholder, filled by a binding of the SQL API request.</summary>
internal sealed record SqlParameter : SqlExpression;
