namespace Snowferry.Destinations;

/// <summary>A parsed destination string: where, and under which key prefix. Build one with <see cref="TransferDestinations.Parse"/>.</summary>
public sealed record DestinationAddress
{
    /// <summary>The kind of destination.</summary>
    public required DestinationKind Kind { get; init; }

    /// <summary>The bucket, for <see cref="DestinationKind.S3"/>.</summary>
    public string? Bucket { get; init; }

    /// <summary>The absolute folder path, for <see cref="DestinationKind.LocalFolder"/>.</summary>
    public string? FolderPath { get; init; }

    /// <summary>The key prefix under the bucket, without leading or trailing slashes; empty for none.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <inheritdoc />
    public override string ToString() => Kind == DestinationKind.S3
        ? Prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{Prefix}"
        : new Uri(FolderPath!).AbsoluteUri;
}
