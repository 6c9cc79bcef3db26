using System.Text;

namespace Snowferry.Snowflake;

/// <summary>
/// Snowflake's identifier rules (docs.snowflake.com/en/sql-reference/identifiers-syntax): an unquoted identifier matches
/// <c>[A-Za-z_][A-Za-z0-9_$]*</c> and folds to upper case; a quoted one keeps its text, <c>""</c> standing for one quote.
/// The client needs them for the request's context names and the planner for table and column names, so they live
/// here, below both.
/// </summary>
internal static class SnowflakeIdentifiers
{
    public static bool IsUnquotedStart(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_';

    public static bool IsUnquotedPart(char c) => IsUnquotedStart(c) || c is (>= '0' and <= '9') or '$';

    /// <summary>True when all of <paramref name="text"/> is one unquoted identifier.</summary>
    public static bool IsUnquoted(string text)
    {
        if (text.Length == 0 || !IsUnquotedStart(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsUnquotedPart(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads the quoted identifier that starts at <paramref name="i"/> (a <c>"</c>), leaving <paramref name="i"/> after
    /// its closing quote. False when the quote is never closed.
    /// </summary>
    public static bool TryReadQuoted(string text, ref int i, out string name)
    {
        var builder = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    builder.Append('"');
                    i += 2;
                    continue;
                }

                i++;
                name = builder.ToString();
                return true;
            }

            builder.Append(text[i]);
            i++;
        }

        name = "";
        return false;
    }
}
