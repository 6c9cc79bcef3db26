using System.Globalization;
using System.Text;
using Snowferry.Destinations;

namespace Snowferry.Transfer;

/// <summary>
/// Expands a key template such as <c>exports/{table}/{date:yyyy-MM}/{table}.{ext}</c> into an object key, so that a
/// scheduled job writes to a key it can predict and a re-run of the same period finds (and refuses) its earlier file.
/// </summary>
public static class TransferKeyTemplate
{
    /// <summary>The placeholders a template may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["table", "schema", "database", "timestamp", "date:format", "id", "ext"];

    /// <summary>
    /// Expands <paramref name="template"/>. Every value is made safe as one key segment: slashes and backslashes become
    /// <c>_</c>, and a table, schema or database named <c>.</c> or <c>..</c> is written <c>_.</c> or <c>_..</c>, as in
    /// the default key. What the template itself writes is refused, not repaired, when another reader could take it for
    /// another key.
    /// </summary>
    /// <param name="template">The template, with <c>{placeholder}</c>s; <c>{{</c> and <c>}}</c> stand for braces.</param>
    /// <param name="values">The table's parts, the run's time (UTC), id and file extension.</param>
    /// <exception cref="ArgumentException">
    /// An unknown or unclosed placeholder, a bad date format, a backslash, percent-escape (<c>%2F</c>) or control
    /// character in the template's text or a date, or a key with empty, <c>.</c> or <c>..</c> segments.
    /// </exception>
    public static string Expand(string template, TransferKeyValues values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        ArgumentNullException.ThrowIfNull(values);
        var key = new StringBuilder(template.Length + 32);
        // Where the template's own text began: checked at each placeholder and at the end (values are checked as made).
        var literal = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                key.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                key.Append('}');
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new ArgumentException($"The key template '{template}' has a '}}' with no '{{'; write '}}}}' for a brace.", nameof(template));
            }

            if (c != '{')
            {
                key.Append(c);
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw new ArgumentException($"The key template '{template}' has an unclosed '{{'.", nameof(template));
            }

            CheckText(template, key.ToString(literal, key.Length - literal));
            key.Append(Value(template, template[(i + 1)..close], values));
            literal = key.Length;
            i = close;
        }

        CheckText(template, key.ToString(literal, key.Length - literal));
        var text = key.ToString().TrimStart('/');
        if (text.Split('/').Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new ArgumentException($"The key template '{template}' gives '{text}', which has an empty, '.' or '..' segment.", nameof(template));
        }

        return text;
    }

    /// <summary>Refuses what the template writes itself (its text, a date) when a reader could split or decode it into another key.</summary>
    private static void CheckText(string template, string written)
    {
        if (ObjectKeys.CharacterProblem(written) is { } problem)
        {
            throw new ArgumentException(
                $"The key template '{ObjectKeys.Printable(template)}' writes '{ObjectKeys.Printable(written)}', which has {problem}: a reader that splits keys at " +
                "backslashes or decodes escapes would see another key. Write plain folder names separated by slashes.",
                nameof(template));
        }
    }

    private static string Value(string template, string name, TransferKeyValues values)
    {
        var utc = values.Timestamp.ToUniversalTime();
        if (name.StartsWith("date:", StringComparison.Ordinal))
        {
            var format = name["date:".Length..];
            string formatted;
            try
            {
                formatted = utc.ToString(format.Length == 0 ? "yyyy-MM-dd" : format, CultureInfo.InvariantCulture);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"The key template '{template}' has a bad date format '{format}'.", nameof(template), e);
            }

            formatted = Segment(formatted);
            CheckText(template, formatted);
            return formatted;
        }

        return name switch
        {
            "table" => ObjectKeys.NameSegment(values.Table),
            "schema" => ObjectKeys.NameSegment(values.Schema ?? "_"),
            "database" => ObjectKeys.NameSegment(values.Database ?? "_"),
            "timestamp" => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            "date" => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "id" => Segment(values.Id),
            "ext" => Segment(values.Extension.TrimStart('.')),
            _ => throw new ArgumentException(
                $"The key template '{template}' has an unknown placeholder '{{{name}}}'; use {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}.",
                nameof(template)),
        };
    }

    /// <summary>A value as part of one segment: slashes and backslashes would make folders of it.</summary>
    private static string Segment(string value) => value.Replace('/', '_').Replace('\\', '_');
}

/// <summary>What a <see cref="TransferKeyTemplate"/> is expanded with.</summary>
/// <param name="Table">The table's name as Snowflake stores it (e.g. <c>ORDERS_100K</c>).</param>
/// <param name="Schema">The table's schema, when known.</param>
/// <param name="Database">The table's database, when known.</param>
/// <param name="Timestamp">The run's start time.</param>
/// <param name="Id">A short random id.</param>
/// <param name="Extension">The file's extension, with or without its dot (<c>.parquet</c>, <c>csv.gz</c>).</param>
public sealed record TransferKeyValues(string Table, string? Schema, string? Database, DateTimeOffset Timestamp, string Id, string Extension);
