namespace Snowferry.Destinations;

/// <summary>What a committed upload wrote.</summary>
public sealed record DestinationCommit
{
    /// <summary>The object's key.</summary>
    public required string Key { get; init; }

    /// <summary>The object's address: <c>s3://bucket/key</c>, a file URI.</summary>
    public required string Location { get; init; }

    /// <summary>The object's size in bytes, as written and as the destination reports it.</summary>
    public required long Bytes { get; init; }

    /// <summary>SHA-256 of the whole object, lower-case hex, computed from the bytes written.</summary>
    public required string Sha256 { get; init; }

    /// <summary>
    /// The checksum the store keeps for the object, as <c>ALGORITHM:value</c> (S3: <c>SHA256:base64</c> for a single
    /// request, <c>SHA256:base64-N</c>, a checksum of the part checksums, for N parts); null when the store keeps none.
    /// </summary>
    public string? StoreChecksum { get; init; }

    /// <summary>
    /// True when the store itself reported a checksum for the object after the write and it equalled
    /// <see cref="StoreChecksum"/> as computed from the bytes sent; false when the store reported none.
    /// </summary>
    public bool StoreChecksumConfirmed { get; init; }

    /// <summary>The store's entity tag, when it has one.</summary>
    public string? ETag { get; init; }

    /// <summary>The object's version id in a versioned bucket.</summary>
    public string? VersionId { get; init; }

    /// <summary>Parts sent (1 for a single request).</summary>
    public required int PartCount { get; init; }

    /// <summary>When the object became visible (UTC, from the injected clock).</summary>
    public required DateTimeOffset CommittedAt { get; init; }
}
