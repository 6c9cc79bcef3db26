using Snowferry.Destinations;

namespace Snowferry.Unload;

/// <summary>Reads and checks the destination of an unload: a bucket name or <c>s3://bucket/optional/prefix</c>.</summary>
internal static class S3Url
{
    private const string Scheme = "s3://";

    public static (string Bucket, string Prefix) Parse(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var rest = destination.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? destination[Scheme.Length..] : destination;
        if (rest.Contains("://", StringComparison.Ordinal))
        {
            throw new DestinationException(DestinationErrorKind.InvalidAddress, "An unload goes to S3: give a bucket name or s3://bucket/prefix.");
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        Check(bucket, prefix.Length == 0 ? "" : prefix + "/");
        return (bucket, prefix);
    }

    /// <summary>S3's bucket naming rules, and a prefix Snowflake reads as written (no empty segments, no control characters).</summary>
    public static void Check(string bucket, string prefix)
    {
        if (bucket.Length is < 3 or > 63 ||
            !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.') ||
            !char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            throw new DestinationException(DestinationErrorKind.InvalidAddress,
                "Not a valid S3 bucket name: 3 to 63 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.");
        }

        if (prefix.StartsWith('/') || prefix.Contains("//", StringComparison.Ordinal) || prefix.Any(char.IsControl) ||
            prefix.Contains('\'', StringComparison.Ordinal) || prefix.Contains('\\', StringComparison.Ordinal))
        {
            throw new DestinationException(DestinationErrorKind.InvalidAddress,
                "The S3 prefix must not start with '/', hold empty segments, quotes, backslashes or control characters.");
        }
    }
}
