using System.Globalization;
using System.Text;

namespace Snowferry.LocalSnowflake.Engine.Sql;

/// <summary>
/// Snowflake's lexical rules: unquoted identifiers fold to upper case, <c>"quoted"</c> ones are kept exactly
/// (<c>""</c> escapes a quote), single-quoted strings take <c>''</c> and backslash escapes, <c>$$…$$</c> strings take
/// none, <c>--</c>, <c>//</c> and <c>/* */</c> are comments.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        var line = 1;
        var lineStart = 0;
        while (true)
        {
            i = SkipTrivia(text, i, ref line, ref lineStart);
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", i, line, i - lineStart));
                return tokens;
            }

            var start = i;
            var column = i - lineStart;
            var c = text[i];
            Token token;
            if (IsIdentifierStart(c))
            {
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                token = new Token(TokenKind.Identifier, text[start..i].ToUpperInvariant(), start, line, column);
            }
            else if (c == '"')
            {
                token = new Token(TokenKind.QuotedIdentifier, ReadQuoted(text, ref i, line, column), start, line, column);
            }
            else if (c == '\'')
            {
                token = new Token(TokenKind.String, ReadString(text, ref i, line, column), start, line, column);
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                var end = text.IndexOf("$$", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw SqlErrors.Syntax(line, column, "unexpected '$$'");
                }

                token = new Token(TokenKind.String, text[(i + 2)..end], start, line, column);
                i = end + 2;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                token = new Token(TokenKind.Number, ReadNumber(text, ref i), start, line, column);
            }
            else if (c == '?')
            {
                i++;
                token = new Token(TokenKind.Parameter, "?", start, line, column);
            }
            else
            {
                token = new Token(TokenKind.Symbol, ReadSymbol(text, ref i, line, column), start, line, column);
            }

            // Newlines inside strings and quoted identifiers still count for positions.
            for (var k = start; k < i; k++)
            {
                if (text[k] == '\n')
                {
                    line++;
                    lineStart = k + 1;
                }
            }

            tokens.Add(token);
        }
    }

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$';

    internal static int SkipTrivia(string text, int i, ref int line, ref int lineStart)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if ((c == '-' && At(text, i + 1, '-')) || (c == '/' && At(text, i + 1, '/')))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                for (var k = i; k < end; k++)
                {
                    if (text[k] == '\n')
                    {
                        line++;
                        lineStart = k + 1;
                    }
                }

                i = end;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool At(string text, int i, char c) => i < text.Length && text[i] == c;

    private static string ReadQuoted(string text, ref int i, int line, int column)
    {
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw SqlErrors.Syntax(line, column, "unexpected '\"'");
            }

            if (text[i] == '"')
            {
                if (At(text, i + 1, '"'))
                {
                    value.Append('"');
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            value.Append(text[i++]);
        }

        if (value.Length == 0)
        {
            throw SqlErrors.Syntax(line, column, "unexpected '\"\"'");
        }

        return value.ToString();
    }

    private static string ReadString(string text, ref int i, int line, int column)
    {
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw SqlErrors.Syntax(line, column, "unexpected end of string literal");
            }

            var c = text[i];
            if (c == '\'')
            {
                if (At(text, i + 1, '\''))
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                return value.ToString();
            }

            if (c != '\\' || i + 1 >= text.Length)
            {
                value.Append(c);
                i++;
                continue;
            }

            i++;
            var e = text[i++];
            switch (e)
            {
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'x' when i + 1 < text.Length && char.IsAsciiHexDigit(text[i]) && char.IsAsciiHexDigit(text[i + 1]):
                    value.Append((char)int.Parse(text.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u' when i + 3 < text.Length && IsHex(text.AsSpan(i, 4)):
                    value.Append((char)int.Parse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                case >= '0' and <= '7':
                    // Octal: up to three digits, the first already read ('\0' alone is NUL).
                    var octal = e - '0';
                    for (var k = 0; k < 2 && i < text.Length && text[i] is >= '0' and <= '7'; k++)
                    {
                        octal = (octal * 8) + (text[i++] - '0');
                    }

                    value.Append((char)octal);
                    break;
                default:
                    // \\ \' \" and any other character stand for themselves.
                    value.Append(e);
                    break;
            }
        }
    }

    private static bool IsHex(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (At(text, i, '.'))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var save = i;
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i = save;
            }
        }

        return text[start..i];
    }

    private static readonly string[] s_symbols = ["::", "||", "<=", ">=", "<>", "!=", "=>"];

    private static string ReadSymbol(string text, ref int i, int line, int column)
    {
        foreach (var symbol in s_symbols)
        {
            if (string.CompareOrdinal(text, i, symbol, 0, symbol.Length) == 0)
            {
                i += symbol.Length;
                return symbol;
            }
        }

        var c = text[i];
        if ("(),.;*+-/%=<>".Contains(c, StringComparison.Ordinal))
        {
            i++;
            return c.ToString();
        }

        throw SqlErrors.Syntax(line, column, $"unexpected '{c}'");
    }
}
