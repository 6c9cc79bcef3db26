using System.Globalization;
using Snowferry.Snowflake;

namespace Snowferry.Planning.Sql;

/// <summary>
/// Reads dotted Snowflake names (<c>TABLE</c>, <c>SCHEMA.TABLE</c>, <c>DB.SCHEMA.TABLE</c>, a column) by the documented
/// identifier rules: unquoted parts match <c>[A-Za-z_][A-Za-z0-9_$]*</c> and fold to upper case, quoted parts keep their
/// text with <c>""</c> standing for one quote. Anything else is refused, never repaired: snowferry must only ever run SQL
/// on the exact object the user named.
/// </summary>
internal static class IdentifierParser
{
    private const string Rules =
        "Unquoted names use letters, digits, _ and $ (not first) and fold to upper case; " +
        "put any other name in double quotes, doubling each quote inside (e.g. \"My Table\", \"a\"\"b\").";

    public static IReadOnlyList<SqlIdentifier> Parse(string text, int maxParts, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<SqlIdentifier>(maxParts);
        var trimmed = text.Trim();
        var i = 0;
        if (trimmed.Length == 0)
        {
            throw Error(text, what, maxParts, "it is empty");
        }

        while (true)
        {
            if (i == trimmed.Length || trimmed[i] == '.')
            {
                throw Error(text, what, maxParts, $"an empty name part at position {Position(i)}");
            }

            parts.Add(trimmed[i] == '"' ? Quoted(trimmed, ref i, text, what, maxParts) : Unquoted(trimmed, ref i, text, what, maxParts));
            if (i == trimmed.Length)
            {
                break;
            }

            if (trimmed[i] != '.')
            {
                throw Error(text, what, maxParts, $"unexpected {Describe(trimmed[i])} at position {Position(i)}");
            }

            i++;
        }

        if (parts.Count > maxParts)
        {
            throw Error(text, what, maxParts, $"it has {parts.Count} dot-separated parts, at most {maxParts} allowed");
        }

        return parts;
    }

    private static SqlIdentifier Quoted(string text, ref int i, string input, string what, int maxParts)
    {
        var start = i;
        return SnowflakeIdentifiers.TryReadQuoted(text, ref i, out var name)
            ? Create(name, input, what, maxParts)
            : throw Error(input, what, maxParts, $"the double quote at position {Position(start)} is never closed");
    }

    private static SqlIdentifier Unquoted(string text, ref int i, string input, string what, int maxParts)
    {
        if (!SnowflakeIdentifiers.IsUnquotedStart(text[i]))
        {
            throw Error(input, what, maxParts, $"an unquoted name cannot start with {Describe(text[i])} (position {Position(i)})");
        }

        var start = i;
        while (i < text.Length && SnowflakeIdentifiers.IsUnquotedPart(text[i]))
        {
            i++;
        }

        // Snowflake stores unquoted names upper case; the part is plain ASCII, so invariant folding is exact.
        return Create(text[start..i].ToUpperInvariant(), input, what, maxParts);
    }

    private static SqlIdentifier Create(string name, string input, string what, int maxParts) =>
        SqlIdentifier.Problem(name) is { } problem ? throw Error(input, what, maxParts, problem) : new SqlIdentifier(name);

    private static InvalidIdentifierException Error(string input, string what, int maxParts, string problem)
    {
        var shape = maxParts switch
        {
            1 => "Write one name, e.g. O_ORDERDATE or \"o_orderdate\".",
            _ => "Write TABLE, SCHEMA.TABLE or DATABASE.SCHEMA.TABLE.",
        };
        return new InvalidIdentifierException($"'{SqlIdentifier.Printable(input)}' is not a valid {what}: {problem}. {shape} {Rules}", input);
    }

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        _ when char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) => $"character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private static string Position(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}
