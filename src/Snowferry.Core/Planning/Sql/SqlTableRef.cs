namespace Snowferry.Planning.Sql;

/// <summary>A table in a <c>FROM</c> clause: one to three identifiers, rendered quoted and joined by dots.</summary>
/// <param name="Parts">Database, schema and table (or fewer), outermost first.</param>
internal sealed record SqlTableRef(IReadOnlyList<SqlIdentifier> Parts);
