using Amazon.S3;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Destinations.Local;
using Snowferry.Destinations.S3;

namespace Snowferry.Destinations;

/// <summary>Reads a destination string and opens the destination it names.</summary>
public static class TransferDestinations
{
    /// <summary>
    /// Parses a destination: a bare bucket name or <c>s3://bucket/optional/prefix</c> is S3; <c>file:///path</c>, or a
    /// path (starting with <c>/</c>, <c>./</c>, <c>../</c> or <c>~</c>, or holding a path separator) is a local folder.
    /// </summary>
    /// <exception cref="DestinationException">
    /// Malformed: empty, an unsupported scheme, an invalid bucket name, or a prefix with an empty, '.' or '..' segment, a
    /// backslash, a percent-escape (<c>%2F</c>) or a control character.
    /// </exception>
    public static DestinationAddress Parse(string destination) => ParseAny(destination, location: false);

    /// <summary>
    /// Parses a location the library named itself (<see cref="Transfer.TransferProgress.Location"/>,
    /// <see cref="Transfer.TransferProgress.UnloadFolder"/>) as <see cref="Parse(string)"/> does, but lets its key keep
    /// the percent-escapes a table's name can put there (<see cref="ObjectKeys.LocationProblem"/>).
    /// </summary>
    /// <exception cref="DestinationException">Malformed.</exception>
    internal static DestinationAddress ParseLocation(string location) => ParseAny(location, location: true);

    private static DestinationAddress ParseAny(string destination, bool location)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            throw Invalid("The destination is empty: give a bucket name, s3://bucket/prefix, or a folder path.");
        }

        var text = destination.Trim();
        if (text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = text["s3://".Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var bucket = slash < 0 ? rest : rest[..slash];
            // One trailing slash marks a folder (s3://bucket/prefix/); any other empty segment is refused, not collapsed:
            // s3://bucket//acme names the key "/acme/…" to S3, not "acme/…".
            var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..];
            prefix = prefix.EndsWith('/') ? prefix[..^1] : prefix;
            S3BucketNames.Validate(bucket);
            ValidatePrefix(prefix, text, location);
            return new DestinationAddress { Kind = DestinationKind.S3, Bucket = bucket, Prefix = prefix };
        }

        if (text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !uri.IsFile || !string.IsNullOrEmpty(uri.Host))
            {
                throw Invalid($"'{text}' is not a local file URI: write file:///absolute/path.");
            }

            return Folder(uri.LocalPath);
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            throw Invalid($"'{text[..scheme]}://' destinations are not supported: give a bucket name, s3://bucket/prefix, or a folder path.");
        }

        if (text.StartsWith('/') || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal)
            || text.StartsWith('~') || text == "." || text.Contains('/', StringComparison.Ordinal) || text.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return Folder(text);
        }

        S3BucketNames.Validate(text);
        return new DestinationAddress { Kind = DestinationKind.S3, Bucket = text };
    }

    /// <summary>
    /// Opens the destination <paramref name="address"/> names. <paramref name="s3Client"/> is called only for S3 (build the
    /// client with <see cref="S3ClientFactory.Create"/>); the caller owns and disposes the client.
    /// </summary>
    public static ITransferDestination Create(DestinationAddress address, Func<IAmazonS3> s3Client, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(s3Client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        loggerFactory ??= NullLoggerFactory.Instance;
        return address.Kind switch
        {
            DestinationKind.S3 => new S3Destination(s3Client(), address.Bucket!, timeProvider, loggerFactory.CreateLogger<S3Destination>()),
            DestinationKind.LocalFolder => new LocalFolderDestination(address.FolderPath!, timeProvider),
            _ => throw new ArgumentOutOfRangeException(nameof(address), address.Kind, "Unknown destination kind."),
        };
    }

    private static DestinationAddress Folder(string path)
    {
        if (path.StartsWith('~'))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            path = home + path[1..];
        }

        return new DestinationAddress { Kind = DestinationKind.LocalFolder, FolderPath = Path.GetFullPath(path) };
    }

    /// <summary>
    /// Refuses a prefix that could put keys outside it for some reader (<see cref="ObjectKeys.PrefixProblem"/>): empty,
    /// '.' or '..' segments, backslashes, percent-escapes, control characters. A <c>%</c> that starts no escape is kept:
    /// it is a legal key character that no reader decodes.
    /// </summary>
    private static void ValidatePrefix(string prefix, string destination, bool location)
    {
        if ((location ? ObjectKeys.LocationProblem(prefix) : ObjectKeys.PrefixProblem(prefix)) is { } problem)
        {
            throw Invalid($"The key prefix in '{ObjectKeys.Printable(destination)}' has {problem}: write s3://bucket/a/b, {ObjectKeys.PrefixRule}.");
        }
    }

    private static DestinationException Invalid(string message) => new(DestinationErrorKind.InvalidAddress, message);
}
