using System.Globalization;
using System.Text;

namespace Snowferry.Planning.Sql;

/// <summary>
/// One Snowflake identifier (a database, schema, table, column or alias name), held exactly as Snowflake stores it:
/// an unquoted name already folded to upper case, a quoted one as written between the quotes. Rendered always in double
/// quotes with <c>"</c> doubled (Snowflake identifier rules, docs.snowflake.com/en/sql-reference/identifiers-syntax), so
/// whatever the name holds it can only ever be read back as that one name.
/// </summary>
/// <remarks>
/// </remarks>
internal sealed record SqlIdentifier
{
    /// <summary>Snowflake's limit on an identifier's length, in characters.</summary>
    internal const int MaxLength = 255;

    /// <summary>Creates the identifier from the exact stored name (no folding).</summary>
    /// <exception cref="InvalidIdentifierException">Empty, longer than 255 characters, not valid UTF-16, or holding a
    /// control character.</exception>
    internal SqlIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Problem(name) is { } problem)
        {
            throw new InvalidIdentifierException($"'{Printable(name)}' cannot be a Snowflake name: {problem}.", name);
        }

        Name = name;
    }

    /// <summary>The name exactly as Snowflake stores it (case-sensitive).</summary>
    internal string Name { get; }

    /// <summary>Parses one name with Snowflake's rules: <c>o_orderdate</c> → <c>O_ORDERDATE</c>, <c>"o_orderdate"</c> kept.</summary>
    /// <exception cref="InvalidIdentifierException">Not a single valid identifier; the message says how to write it.</exception>
    internal static SqlIdentifier Parse(string text) => IdentifierParser.Parse(text, 1, "column name")[0];

    /// <summary>The name in double quotes, each <c>"</c> doubled: the only form snowferry ever puts in SQL.</summary>
    internal string ToSql() => "\"" + Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The name as a user would type it: bare when it reads back unchanged unquoted, quoted otherwise.</summary>
    public override string ToString() => IsPlainUpper(Name) ? Name : ToSql();

    internal static bool IsPlainUpper(string name)
    {
        if (name.Length == 0 || !(name[0] is (>= 'A' and <= 'Z') or '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why <paramref name="name"/> cannot be stored as an identifier, or null when it can.</summary>
    internal static string? Problem(string name)
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
                // Snowflake documents printable characters for quoted names; a control character is a paste accident.
                return $"it holds the control character U+{(int)c:X4}";
            }

            characters++;
        }

        return characters > MaxLength
            ? $"it is {characters.ToString(CultureInfo.InvariantCulture)} characters long; Snowflake allows at most {MaxLength}"
            : null;
    }

    /// <summary>The text with control characters shown as <c>\uXXXX</c>, so a message stays on one line.</summary>
    internal static string Printable(string text)
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
}
