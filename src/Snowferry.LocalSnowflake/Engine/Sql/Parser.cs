using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Translation;

namespace Snowferry.LocalSnowflake.Engine.Sql;

/// <summary>
/// Recursive-descent parser for the Snowflake subset this engine runs. Anything outside it is a syntax error or an
/// explicit "not implemented", never passed through.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private int _position;
    private int _parameterCount;

    private Parser(string text)
    {
        _tokens = Lexer.Tokenize(text);
    }

    /// <summary>Number of <c>?</c> placeholders seen.</summary>
    public int ParameterCount => _parameterCount;

    public static Statement ParseStatement(string text, out int parameterCount)
    {
        var parser = new Parser(text);
        if (parser.Current.Kind == TokenKind.End || (parser.Current.IsSymbol(";") && parser.Peek().Kind == TokenKind.End))
        {
            throw new SnowflakeSqlException("000900", "42000", "Empty SQL statement.");
        }

        var statement = parser.Statement();
        parser.Accept(";");
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected();
        }

        parameterCount = parser._parameterCount;
        return statement;
    }

    /// <summary>Parses a type name such as <c>NUMBER(12,2)</c> (the trusted set-up path and the catalog use it).</summary>
    public static SnowType ParseTypeName(string text)
    {
        var parser = new Parser(text);
        var type = parser.TypeName();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected();
        }

        return type;
    }

    private Token Current => _tokens[_position];

    private Token Peek(int ahead = 1) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    private Token Advance() => _tokens[_position++];

    private bool Accept(string symbolOrKeyword)
    {
        if (Current.IsSymbol(symbolOrKeyword) || Current.Is(symbolOrKeyword))
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string symbolOrKeyword)
    {
        if (!Accept(symbolOrKeyword))
        {
            throw Unexpected();
        }
    }

    private SnowflakeSqlException Unexpected()
    {
        var token = Current;
        return token.Kind == TokenKind.End
            ? SqlErrors.Syntax(token.Line, token.Column, "unexpected '<EOF>'")
            : SqlErrors.Syntax(token.Line, token.Column, $"unexpected '{Describe(token)}'");
    }

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.String => "'" + token.Text,
        TokenKind.QuotedIdentifier => "\"" + token.Text + "\"",
        _ => token.Text,
    };

    private SourceSpan SpanFrom(Token start) =>
        new(start.Line, start.Column, start.Offset, _position > 0 ? EndOf(_tokens[_position - 1]) : start.Offset);

    private static int EndOf(Token token) => token.Kind switch
    {
        TokenKind.String or TokenKind.QuotedIdentifier => token.Offset + 2 + token.Text.Length,
        _ => token.Offset + token.Text.Length,
    };

    private Statement Statement()
    {
        var token = Current;
        if (token.Is("SELECT") || token.Is("WITH") || token.IsSymbol("("))
        {
            return new SelectStatement(Query());
        }

        if (Accept("CREATE"))
        {
            return CreateTable();
        }

        if (Accept("INSERT"))
        {
            return Insert();
        }

        if (Accept("DROP"))
        {
            if (!Accept("TABLE"))
            {
                throw NotImplementedHere("DROP " + Current.Text);
            }

            var ifExists = false;
            if (Accept("IF"))
            {
                Expect("EXISTS");
                ifExists = true;
            }

            return new DropTableStatement(ObjectName(), ifExists);
        }

        if (Accept("DESCRIBE") || Accept("DESC"))
        {
            if (!Accept("TABLE"))
            {
                throw NotImplementedHere("DESCRIBE " + Current.Text);
            }

            return new DescribeTableStatement(ObjectName());
        }

        if (token.Is("COPY"))
        {
            return CopyInto();
        }

        if (token.Kind == TokenKind.Identifier && s_knownUnsupportedStatements.Contains(token.Text))
        {
            throw SqlErrors.NotImplemented(token.Text);
        }

        throw Unexpected();
    }

    private static readonly HashSet<string> s_knownUnsupportedStatements = new(StringComparer.Ordinal)
    {
        "UPDATE", "DELETE", "MERGE", "ALTER", "TRUNCATE", "USE", "SHOW", "COPY", "PUT", "GET", "BEGIN", "COMMIT",
        "ROLLBACK", "SET", "UNSET", "GRANT", "REVOKE", "CALL", "EXPLAIN", "LIST", "REMOVE", "UNDROP", "EXECUTE",
    };

    private static SnowflakeSqlException NotImplementedHere(string what) => SqlErrors.NotImplemented(what.Trim());

    private ObjectName ObjectName()
    {
        var start = Current;
        var parts = new List<string> { Identifier() };
        while (Current.IsSymbol(".") && Peek().Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
        {
            Advance();
            parts.Add(Identifier());
        }

        if (parts.Count > 3)
        {
            throw SqlErrors.Syntax(start.Line, start.Column, $"unexpected '{string.Join('.', parts)}'");
        }

        return new ObjectName(SpanFrom(start), parts);
    }

    private string Identifier()
    {
        var token = Current;
        if (token.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
        {
            if (token.Kind == TokenKind.Identifier && s_reserved.Contains(token.Text))
            {
                throw Unexpected();
            }

            Advance();
            return token.Text;
        }

        throw Unexpected();
    }

    private SnowType TypeName()
    {
        var token = Current;
        if (token.Kind != TokenKind.Identifier)
        {
            throw Unexpected();
        }

        Advance();
        var name = token.Text;
        if (name == "DOUBLE")
        {
            Accept("PRECISION");
        }
        else if (name is "CHARACTER" or "CHAR" or "NCHAR" && Current.Is("VARYING"))
        {
            Advance();
            name = "VARCHAR";
        }

        var arguments = new List<int>();
        if (Accept("("))
        {
            do
            {
                var number = Current;
                if (number.Kind != TokenKind.Number || !int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    throw Unexpected();
                }

                Advance();
                arguments.Add(value);
            }
            while (Accept(","));

            Expect(")");
        }

        return SnowTypes.FromName(name, arguments, token);
    }
}
