namespace Snowferry.Planning;

/// <summary>The "did you mean" part of an unknown-column error: close names by edit distance, ignoring case.</summary>
internal static class ColumnSuggestions
{
    private const int MaxListed = 20;

    public static string For(string name, IReadOnlyList<string> columns)
    {
        var sameIgnoringCase = columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        if (sameIgnoringCase is not null)
        {
            return $"Did you mean {new Sql.SqlIdentifier(sameIgnoringCase)}? Quoted names are case-sensitive; unquoted ones fold to upper case.";
        }

        var limit = Math.Max(2, name.Length / 3);
        var close = columns
            .Select(c => (Column: c, Distance: Distance(name.ToUpperInvariant(), c.ToUpperInvariant())))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Column, StringComparer.Ordinal)
            .Take(3)
            .Select(x => new Sql.SqlIdentifier(x.Column).ToString())
            .ToList();
        if (close.Count > 0)
        {
            return $"Close names: {string.Join(", ", close)}.";
        }

        var listed = columns.Take(MaxListed).Select(c => new Sql.SqlIdentifier(c).ToString());
        return $"Its columns are: {string.Join(", ", listed)}{(columns.Count > MaxListed ? ", ..." : "")}.";
    }

    /// <summary>Levenshtein distance (insert, delete, substitute), two rows at a time.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
