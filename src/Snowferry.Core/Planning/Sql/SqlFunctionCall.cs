namespace Snowferry.Planning.Sql;

/// <summary>A call of a built-in function, e.g. <c>DATE_TRUNC('MONTH', "D")</c>.</summary>
internal sealed record SqlFunctionCall : SqlExpression
{
    /// <summary>Creates the call.</summary>
    /// <param name="name">The function, an upper-case keyword such as <c>SUM</c> (never user text).</param>
    /// <param name="arguments">The arguments, in order.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a bare upper-case keyword.</exception>
    public SqlFunctionCall(string name, params IReadOnlyList<SqlExpression> arguments)
    {
        Name = SqlKeyword.Check(name, nameof(name));
        Arguments = arguments;
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>The arguments, in order.</summary>
    public IReadOnlyList<SqlExpression> Arguments { get; }
}
