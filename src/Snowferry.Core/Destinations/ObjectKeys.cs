using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Snowferry.Destinations;

/// <summary>Object keys for transfer outputs, and the rules that keep every key under the prefix it was given.</summary>
internal static class ObjectKeys
{
    /// <summary>The longest prefix accepted: S3 keys hold at most 1,024 bytes, and the table's folder and file need the rest.</summary>
    public const int MaxPrefixLength = 512;

    /// <summary>The longest key S3 takes (1,024 bytes, so at most as many characters).</summary>
    private const int MaxKeyLength = 1024;

    /// <summary>What a prefix may hold, for messages that say what to write.</summary>
    public const string PrefixRule =
        "folder names separated by single slashes, without '.' or '..' segments, backslashes, percent-escapes such as %2F, or control characters";

    /// <summary>
    /// The default key: <c>&lt;prefix&gt;/&lt;TABLE&gt;/&lt;TABLE&gt;_&lt;yyyyMMddTHHmmssZ&gt;_&lt;shortId&gt;.&lt;extension&gt;</c>
    /// (no leading segment when the prefix is empty), with the timestamp in UTC.
    /// </summary>
    /// <exception cref="ArgumentException">The table, id or extension is empty, holds a slash, or the table is <c>.</c> or <c>..</c>.</exception>
    public static string Default(string prefix, string table, DateTimeOffset timestamp, string shortId, string extension)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Segment(table, nameof(table));
        if (table is "." or "..")
        {
            throw new ArgumentException($"The table segment '{table}' would be a dot segment: make it with {nameof(NameSegment)}.", nameof(table));
        }

        Segment(shortId, nameof(shortId));
        extension = Segment(extension, nameof(extension)).TrimStart('.');
        var stamp = timestamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return Join(prefix, $"{table}/{table}_{stamp}_{shortId}.{extension}");
    }

    /// <summary>Joins a prefix and a key with exactly one slash; the key alone when the prefix is empty.</summary>
    public static string Join(string prefix, string key)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var trimmed = prefix.Trim('/');
        return trimmed.Length == 0 ? key.TrimStart('/') : trimmed + "/" + key.TrimStart('/');
    }

    /// <summary>A fresh random id of 8 lower-case hex digits, for <see cref="Default"/>.</summary>
    public static string NewShortId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>
    /// A name from Snowflake (a table's, schema's or database's) as one key segment: slashes and backslashes become
    /// <c>_</c> (they would make folders of it), and a name that is exactly <c>.</c> or <c>..</c> gets a leading <c>_</c>
    /// (<c>_.</c>, <c>_..</c>), since as a segment it would mean this folder or its parent to any reader that resolves
    /// paths. Idempotent: a segment made here comes back unchanged.
    /// </summary>
    public static string NameSegment(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var segment = name.Replace('/', '_').Replace('\\', '_');
        return segment is "." or ".." ? "_" + segment : segment;
    }

    /// <summary>
    /// Why <paramref name="prefix"/> (segments between single slashes, none leading or trailing) could put a key
    /// somewhere else than under it, as a phrase for "has …"; null when it cannot. S3 stores any of these literally, but a
    /// reader that resolves paths, splits at backslashes or decodes escapes would see another key.
    /// </summary>
    public static string? PrefixProblem(string prefix) => StructureProblem(prefix, MaxPrefixLength) ?? CharacterProblem(prefix);

    /// <summary>
    /// Why <paramref name="key"/>, from a location the library named itself (<c>TransferProgress.Location</c>,
    /// <c>UnloadFolder</c>), cannot be one of its keys; null when it can. Only the structure and control characters are
    /// checked: a key keeps a table's name as Snowflake stores it, <c>%</c> included, and the library must find its own
    /// objects again.
    /// </summary>
    public static string? LocationProblem(string key)
    {
        if (StructureProblem(key, MaxKeyLength) is { } problem)
        {
            return problem;
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                return $"the control character U+{(int)c:X4}";
            }
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="text"/>, written into a key, could be read as another key: a backslash (a separator to some
    /// readers), a percent-escape (<c>%XX</c>, which a reader that decodes keys turns into another character: <c>%2F</c>
    /// into a slash, <c>%252F</c> into <c>%2F</c> and then a slash), or a control character; null when none. A <c>%</c>
    /// not followed by two hex digits is no escape and stays allowed.
    /// </summary>
    public static string? CharacterProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                return "a backslash";
            }

            if (char.IsControl(c))
            {
                return $"the control character U+{(int)c:X4}";
            }

            if (c == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                return $"the percent-escape '{text.Substring(i, 3)}'";
            }
        }

        return null;
    }

    /// <summary><paramref name="text"/> with its control characters written as <c>\uXXXX</c>, to be quoted in a message.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var printable = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }

    private static string? StructureProblem(string prefix, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return null;
        }

        if (prefix.Length > maxLength)
        {
            return $"{prefix.Length} characters, more than the {maxLength} allowed";
        }

        foreach (var segment in prefix.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "an empty segment (two slashes in a row)";
            }

            if (segment is "." or "..")
            {
                return $"a '{segment}' segment";
            }
        }

        return null;
    }

    private static string Segment(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{value}' must not hold a slash.", name);
        }

        return value;
    }
}
