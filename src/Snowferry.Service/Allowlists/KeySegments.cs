namespace Snowferry.Service.Allowlists;

/// <summary>
/// The one rule every segment of an object key written through the service follows: its meaning must not depend on who
/// reads it. S3 stores <c>..</c>, <c>%2e</c> or <c>a\b</c> as they are, but an SDK, a proxy or a sync tool that normalises
/// paths, decodes escapes or reads backslashes as separators would see another key, possibly outside the allowed prefix.
/// Such segments are refused, never repaired: what the client asked for is what is checked and what is written.
/// </summary>
internal static class KeySegments
{
    /// <summary>The rule, for messages.</summary>
    public const string Rule =
        "object keys written through the service have no '.' or '..' segments, backslashes, '%', control characters, or " +
        "characters that Unicode normalisation turns into one of those, because another reader of the bucket may resolve, " +
        "decode or split them into a different key";

    /// <summary>Why <paramref name="segment"/> (one non-empty piece between slashes) could mean another key; null when it cannot.</summary>
    public static string? Problem(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment is "." or "..")
        {
            return $"a '{segment}' segment";
        }

        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (char.IsHighSurrogate(c) && i + 1 < segment.Length && char.IsLowSurrogate(segment[i + 1]))
            {
                i++;
                continue;
            }

            var problem = c switch
            {
                '\\' => "a backslash",
                '%' => "a '%' (a percent-encoded escape)",
                _ when char.IsSurrogate(c) => "an unpaired UTF-16 surrogate",
                _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
                _ when LookAlike(c) is { } ascii => $"'{c}' (U+{(int)c:X4}), which Unicode normalisation (NFKC) reads as '{ascii}'",
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// What NFKC (Unicode compatibility normalisation, which some tools apply to names) turns <paramref name="c"/> into,
    /// when that is a slash, a backslash, a percent sign or only dots; null otherwise. The complete list from Unicode's
    /// compatibility mappings: the service runs with invariant globalization, which does not implement NFKC.
    /// </summary>
    private static string? LookAlike(char c) => c switch
    {
        '\u2024' or '\uFE52' or '\uFF0E' => ".",
        '\u2025' or '\uFE30' => "..",
        '\u2026' or '\uFE19' => "...",
        '\u2100' => "a/c",
        '\u2101' => "a/s",
        '\u2105' => "c/o",
        '\u2106' => "c/u",
        '\uFF0F' => "/",
        '\uFE68' or '\uFF3C' => "\\",
        '\uFE6A' or '\uFF05' => "%",
        _ => null,
    };

    /// <summary>The first unsafe segment of <paramref name="path"/> (split at '/', empty pieces skipped) and why; null when none.</summary>
    public static string? ProblemIn(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length > 0 && Problem(segment) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}
