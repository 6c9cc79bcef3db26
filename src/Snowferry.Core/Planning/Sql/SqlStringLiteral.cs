namespace Snowferry.Planning.Sql;

/// <summary>A string constant, rendered with Snowflake's escapes (quote doubled, backslash and control characters escaped).</summary>
/// <param name="Value">The exact text of the constant.</param>
internal sealed record SqlStringLiteral(string Value) : SqlExpression;
