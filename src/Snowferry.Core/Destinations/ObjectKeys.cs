using System.Globalization;
using System.Security.Cryptography;

namespace Snowferry.Destinations;

/// <summary>Object keys for transfer outputs.</summary>
internal static class ObjectKeys
{
    /// <summary>
    /// The default key: <c>&lt;prefix&gt;/&lt;TABLE&gt;/&lt;TABLE&gt;_&lt;yyyyMMddTHHmmssZ&gt;_&lt;shortId&gt;.&lt;extension&gt;</c>
    /// (no leading segment when the prefix is empty), with the timestamp in UTC.
    /// </summary>
    /// <exception cref="ArgumentException">The table, id or extension is empty or holds a slash.</exception>
    public static string Default(string prefix, string table, DateTimeOffset timestamp, string shortId, string extension)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Segment(table, nameof(table));
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
