using Snowferry.Destinations;

namespace Snowferry.Service.Allowlists;

/// <summary>
/// One of a client's allowed destinations, <c>s3://bucket/prefix/</c>: an object is under it when it is in that bucket and
/// its key's first segments are the prefix's segments, whole (<c>acme/</c> holds <c>acme/x/y.parquet</c>, not
/// <c>acme-evil/y.parquet</c>). No wildcards; <c>s3://bucket/</c> is the whole bucket.
/// </summary>
public sealed class DestinationPattern
{
    private readonly string[] _segments;

    private DestinationPattern(string text, string bucket, string[] segments)
    {
        Text = text;
        Bucket = bucket;
        _segments = segments;
    }

    /// <summary>The pattern as configured (for <c>GET /v1/me</c>).</summary>
    public string Text { get; }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The key prefix without its slashes (<c>acme/exports</c>); empty for the whole bucket.</summary>
    public string Prefix => string.Join('/', _segments);

    /// <summary>Reads <c>s3://bucket/prefix/</c>: a valid bucket name and plain prefix segments, or an error saying what to write.</summary>
    /// <exception cref="AllowlistException">Not <c>s3://</c>, an invalid bucket name, or a prefix with an empty, <c>.</c>,
    /// <c>..</c>, <c>*</c>, backslash, <c>%</c> or control character segment.</exception>
    public static DestinationPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        const string Scheme = "s3://";
        var text = pattern.Trim();
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Error(pattern, "it is not an s3:// address (the service writes only to S3, never to local folders)");
        }

        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        try
        {
            // The library's own reading, so a pattern names a bucket exactly as a request's destination would.
            TransferDestinations.Parse(Scheme + bucket);
        }
        catch (DestinationException e)
        {
            throw new AllowlistException($"The destination pattern '{Printable(pattern)}' is malformed: {e.Message}", e);
        }

        var prefix = slash < 0 ? "" : rest[(slash + 1)..];
        var segments = prefix.Length == 0 ? [] : (prefix.EndsWith('/') ? prefix[..^1] : prefix).Split('/');
        foreach (var segment in segments)
        {
            var problem = segment.Length == 0 ? "an empty segment (two slashes in a row)"
                : segment.Contains('*', StringComparison.Ordinal) ? "a '*' (destination patterns have no wildcards: a prefix allows every key under it)"
                : KeySegments.Problem(segment);
            if (problem is not null)
            {
                throw Error(pattern, $"its prefix has {problem}");
            }
        }

        return new DestinationPattern(pattern, bucket, segments);
    }

    /// <summary>True when the object <paramref name="key"/> in <paramref name="bucket"/> is under this pattern, segment by segment.</summary>
    /// <remarks>
    /// Literal segments, nothing collapsed: <c>acme//x/k</c> is not under <c>acme/x/</c>, since S3 (and a policy on
    /// <c>acme/x/*</c>) sees another key. The caller has refused keys holding <c>.</c> or <c>..</c> segments, so what is
    /// under here stays under once a reader normalises the key.
    /// </remarks>
    internal bool Contains(string bucket, string key)
    {
        if (!string.Equals(bucket, Bucket, StringComparison.Ordinal))
        {
            return false;
        }

        var segments = key.Split('/');
        if (segments.Length <= _segments.Length)
        {
            return false; // the prefix itself, or shorter: not an object under it
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            if (!string.Equals(segments[i], _segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The pattern in its plain form, <c>s3://bucket/prefix/</c>.</summary>
    public override string ToString() => _segments.Length == 0 ? $"s3://{Bucket}/" : $"s3://{Bucket}/{Prefix}/";

    private static AllowlistException Error(string pattern, string problem) => new(
        $"The destination pattern '{Printable(pattern)}' is malformed: {problem}. Write s3://bucket/ or s3://bucket/prefix/, " +
        "the prefix as plain segments (e.g. s3://acme-data/exports/).");

    private static string Printable(string text) => NameReader.Printable(text);
}
