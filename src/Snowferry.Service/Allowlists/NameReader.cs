using System.Globalization;
using System.Text;

namespace Snowferry.Service.Allowlists;

/// <summary>
/// Reads the dot-separated parts of a table name (for requests) or a table pattern (for the configuration) by Snowflake's
/// identifier rules (docs.snowflake.com/en/sql-reference/identifiers-syntax): unquoted parts match
/// <c>[A-Za-z_][A-Za-z0-9_$]*</c> and fold to upper case; quoted parts keep their text, <c>""</c> standing for one quote.
/// A pattern's unquoted parts may also hold <c>*</c>. It refuses whatever the library's own parser refuses (control
/// characters, unpaired surrogates, more than 255 characters), so a name read here is one the planner reads the same way.
/// </summary>
internal static class NameReader
{
    /// <summary>Snowflake's limit on one identifier, in characters (a surrogate pair counts once, as in the library).</summary>
    public const int MaxLength = 255;

    private const string NameShape =
        "Write TABLE, SCHEMA.TABLE or DATABASE.SCHEMA.TABLE: unquoted names use letters, digits, _ and $ (not first) and fold " +
        "to upper case; put any other name in double quotes, doubling each quote inside (e.g. PUBLIC.\"My Table\").";

    private const string PatternShape =
        "Write TABLE, SCHEMA.TABLE or DATABASE.SCHEMA.TABLE: unquoted parts use letters, digits, _ and $ and fold to upper " +
        "case, and * in them matches any run of characters within that one part (ORDERS_*); a part in double quotes is " +
        "exact, a * in it is a star (\"My Table\", \"orders_*\").";

    /// <summary>Reads 1 to 3 parts; <paramref name="pattern"/> allows <c>*</c> in unquoted parts.</summary>
    /// <exception cref="AllowlistException">Not 1 to 3 valid parts separated by dots.</exception>
    public static IReadOnlyList<NamePart> Read(string text, bool pattern)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim(); // as the library's parser: spaces around the whole name are not part of it
        if (trimmed.Length == 0)
        {
            throw Error(text, pattern, "it is empty");
        }

        var parts = new List<NamePart>(3);
        var i = 0;
        while (true)
        {
            if (i == trimmed.Length || trimmed[i] == '.')
            {
                throw Error(text, pattern, $"an empty part at position {Position(i)}");
            }

            parts.Add(trimmed[i] == '"' ? Quoted(trimmed, ref i, text, pattern) : Unquoted(trimmed, ref i, text, pattern));
            if (i == trimmed.Length)
            {
                break;
            }

            if (trimmed[i] != '.')
            {
                throw Error(text, pattern, Unexpected(trimmed, i, parts[^1].Quoted, pattern));
            }

            i++;
        }

        return parts.Count <= 3 ? parts : throw Error(text, pattern, $"it has {parts.Count} dot-separated parts, at most 3 allowed");
    }

    /// <summary>Why <paramref name="name"/> cannot be a Snowflake identifier, or null when it can (the library's rules).</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "the name is empty";
        }

        var characters = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "it holds an unpaired UTF-16 surrogate (not valid Unicode text)";
            }
            else if (char.IsControl(c))
            {
                return $"it holds the control character U+{(int)c:X4}";
            }

            characters++;
        }

        return characters > MaxLength ? $"a part is {characters.ToString(CultureInfo.InvariantCulture)} characters long; Snowflake allows at most {MaxLength}" : null;
    }

    /// <summary>The text with control characters shown as <c>\uXXXX</c>, so a message stays on one line.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static NamePart Quoted(string text, ref int i, string input, bool pattern)
    {
        var start = i;
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
                return Checked(new NamePart(builder.ToString(), Quoted: true), input, pattern);
            }

            builder.Append(text[i]);
            i++;
        }

        throw Error(input, pattern, $"the double quote at position {Position(start)} is never closed");
    }

    private static NamePart Unquoted(string text, ref int i, string input, bool pattern)
    {
        var c = text[i];
        if (!(IsUnquotedStart(c) || (pattern && c == '*')))
        {
            throw Error(input, pattern, $"an unquoted part cannot start with {Describe(c)} (position {Position(i)})");
        }

        var start = i;
        while (i < text.Length && (IsUnquotedPart(text[i]) || (pattern && text[i] == '*')))
        {
            i++;
        }

        // Snowflake stores unquoted names upper case; the part is plain ASCII, so invariant folding is exact.
        return Checked(new NamePart(text[start..i].ToUpperInvariant(), Quoted: false), input, pattern);
    }

    private static NamePart Checked(NamePart part, string input, bool pattern) =>
        Problem(part.Text) is { } problem ? throw Error(input, pattern, problem) : part;

    private static string Unexpected(string text, int i, bool afterQuoted, bool pattern) => text[i] switch
    {
        _ when afterQuoted && pattern =>
            $"{Describe(text[i])} follows the closing quote at position {Position(i)}; a part is either quoted (exact) or unquoted (with *), not both",
        _ when afterQuoted => $"{Describe(text[i])} follows the closing quote at position {Position(i)}; put the whole part in quotes",
        '"' => $"a double quote at position {Position(i)} inside a part; quote the whole part",
        '*' => $"unexpected '*' at position {Position(i)}: a table name has no wildcards (quote the part if the name holds a star)",
        var c => $"unexpected {Describe(c)} at position {Position(i)}",
    };

    private static bool IsUnquotedStart(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_';

    private static bool IsUnquotedPart(char c) => IsUnquotedStart(c) || c is (>= '0' and <= '9') or '$';

    private static AllowlistException Error(string input, bool pattern, string problem) => new(pattern
        ? $"The table pattern '{Printable(input)}' is malformed: {problem}. {PatternShape}"
        : $"'{Printable(input)}' is not a valid table name: {problem}. {NameShape}");

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        _ when char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) => $"character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private static string Position(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}
