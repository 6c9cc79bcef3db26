namespace Snowferry.Destinations;

/// <summary>The kinds of destination snowferry writes to.</summary>
public enum DestinationKind
{
    /// <summary>An S3 bucket (or an S3-compatible store).</summary>
    S3,

    /// <summary>A folder on the local file system.</summary>
    LocalFolder,
}
