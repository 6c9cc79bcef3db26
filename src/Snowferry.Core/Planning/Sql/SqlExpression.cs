namespace Snowferry.Planning.Sql;

/// <summary>
/// A node of the SQL tree. The set of node kinds is closed: identifiers only in <see cref="SqlColumnRef"/> and aliases,
/// values only as <see cref="SqlStringLiteral"/> or <see cref="SqlNumberLiteral"/>, function and type names from fixed
/// keywords. <see cref="SqlRenderer"/> is the only place that turns nodes into text.
/// </summary>
internal abstract record SqlExpression
{
    // Only this assembly's node kinds exist: the renderer must know every one, and none may carry raw SQL text.
    private protected SqlExpression()
    {
    }
}
