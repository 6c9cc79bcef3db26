namespace Snowferry.LocalSnowflake.Engine.Sql;

/// <summary>Splits a multi-statement request at top-level semicolons, skipping strings, quoted names and comments.</summary>
internal static class StatementSplitter
{
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var statements = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                i++;
                while (i < text.Length && text[i] != '\'')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                var end = text.IndexOf("$$", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if ((c == '-' && At(text, i + 1, '-')) || (c == '/' && At(text, i + 1, '/')))
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c == ';')
            {
                Add(statements, text[start..i]);
                i++;
                start = i;
            }
            else
            {
                i++;
            }
        }

        Add(statements, text[start..]);
        return statements;
    }

    private static bool At(string text, int i, char c) => i < text.Length && text[i] == c;

    private static void Add(List<string> statements, string statement)
    {
        // A piece that is only white space and comments is not a statement.
        var line = 1;
        var lineStart = 0;
        if (Lexer.SkipTrivia(statement, 0, ref line, ref lineStart) < statement.Length)
        {
            statements.Add(statement.Trim());
        }
    }
}
