using System.Net;

namespace Snowferry.Destinations.S3;

/// <summary>The naming rules of S3 general purpose buckets.</summary>
internal static class S3BucketNames
{
    private static readonly string[] s_reservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] s_reservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>Why <paramref name="bucket"/> is not a valid bucket name, or null when it is.</summary>
    public static string? Check(string? bucket)
    {
        if (string.IsNullOrEmpty(bucket))
        {
            return "the bucket name is empty";
        }

        if (bucket.Length is < 3 or > 63)
        {
            return $"a bucket name has 3 to 63 characters, this one has {bucket.Length}";
        }

        foreach (var c in bucket)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
            {
                return c is >= 'A' and <= 'Z'
                    ? "a bucket name has no upper-case letters"
                    : "a bucket name holds only lower-case letters, digits, dots and hyphens";
            }
        }

        if (!char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            return "a bucket name starts and ends with a letter or a digit";
        }

        if (bucket.Contains("..", StringComparison.Ordinal))
        {
            return "a bucket name has no two adjacent dots";
        }

        if (IPAddress.TryParse(bucket, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && bucket.Count(c => c == '.') == 3)
        {
            return "a bucket name is not an IP address";
        }

        foreach (var prefix in s_reservedPrefixes)
        {
            if (bucket.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"a bucket name does not start with the reserved '{prefix}'";
            }
        }

        foreach (var suffix in s_reservedSuffixes)
        {
            if (bucket.EndsWith(suffix, StringComparison.Ordinal))
            {
                return $"a bucket name does not end with the reserved '{suffix}'";
            }
        }

        return null;
    }

    /// <summary>Throws a <see cref="DestinationException"/> saying what is wrong when <paramref name="bucket"/> is not a valid name.</summary>
    /// <exception cref="DestinationException">The name breaks a rule.</exception>
    public static void Validate(string? bucket)
    {
        if (Check(bucket) is { } problem)
        {
            throw new DestinationException(
                DestinationErrorKind.InvalidAddress,
                $"'{bucket}' is not a valid S3 bucket name: {problem}. Give the bucket's name, or s3://bucket/prefix.");
        }
    }
}
