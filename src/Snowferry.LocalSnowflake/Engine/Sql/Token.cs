namespace Snowferry.LocalSnowflake.Engine.Sql;

internal enum TokenKind
{
    Identifier,
    QuotedIdentifier,
    String,
    Number,
    Parameter,
    Symbol,
    End,
}

/// <summary>
/// One lexical token. <see cref="Text"/> is the identifier as Snowflake resolves it (unquoted names already folded to
/// upper case), the string's value after escapes, the number's digits, or the symbol.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Offset, int Line, int Column)
{
    /// <summary>An unquoted identifier equal to <paramref name="keyword"/> (which is upper case).</summary>
    public bool Is(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.Ordinal);

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && string.Equals(Text, symbol, StringComparison.Ordinal);
}
