namespace Snowferry.Planning.Sql;

/// <summary>A <c>?</c> placeholder, filled by a binding of the SQL API request.</summary>
public sealed record SqlParameter : SqlExpression;
