namespace Snowferry.Destinations;

/// <summary>How to write one object.</summary>
public sealed record DestinationUploadOptions
{
    /// <summary>The smallest part size S3 accepts for any part but the last: 5 MiB.</summary>
    public const int MinPartSize = 5 * 1024 * 1024;

    /// <summary>The largest part size: 512 MiB (each part is one buffer in memory).</summary>
    public const int MaxPartSize = 512 * 1024 * 1024;

    /// <summary>The default part size: 8 MiB.</summary>
    public const int DefaultPartSize = 8 * 1024 * 1024;

    /// <summary>
    /// The default number of parts uploaded at once: 2. A transfer produces output at a few MB/s (bench/RESULTS.md), far
    /// below what two concurrent 8 MiB PUTs carry, so more parts in flight would only hold more memory.
    /// </summary>
    public const int DefaultMaxPartsInFlight = 2;

    /// <summary>The object's media type, e.g. <c>application/vnd.apache.parquet</c>.</summary>
    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>Replace an existing object at the key; when false (the default) an existing object is never touched.</summary>
    public bool Overwrite { get; init; }

    /// <summary>
    /// Make the write that publishes the object conditional on the key being absent (<c>If-None-Match: *</c>), as AWS S3
    /// honours with 412 Precondition Failed. True by default; false for S3-compatible stores that refuse the header, in
    /// which case only the existence check before the upload guards the key (check-then-write). Ignored when
    /// <see cref="Overwrite"/> is true.
    /// </summary>
    public bool ConditionalWrite { get; init; } = true;

    /// <summary>
    /// Bytes per part, in [<see cref="MinPartSize"/>, <see cref="MaxPartSize"/>]. An object no larger than one part is
    /// written in a single request.
    /// </summary>
    public int PartSize { get; init; } = DefaultPartSize;

    /// <summary>Parts uploaded at once, in [1, 64]. Memory held is at most (this + 1) × <see cref="PartSize"/>.</summary>
    public int MaxPartsInFlight { get; init; } = DefaultMaxPartsInFlight;

    /// <summary>
    /// True when the write that publishes the object carries <c>If-None-Match: *</c>: not overwriting, conditional
    /// writes on. The overwrite-guard rule is derived here, and only here, from <see cref="Overwrite"/> and
    /// <see cref="ConditionalWrite"/>.
    /// </summary>
    public bool IfNoneMatch => !Overwrite && ConditionalWrite;

    /// <summary>
    /// True when nothing atomic guards the key (not overwriting, no conditional write): the key is checked before the
    /// upload and again just before the commit (check-then-write).
    /// </summary>
    public bool CheckBeforeCommit => !Overwrite && !ConditionalWrite;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public void Validate()
    {
        if (PartSize is < MinPartSize or > MaxPartSize)
        {
            throw new ArgumentOutOfRangeException(nameof(PartSize), PartSize, $"The part size must be between {MinPartSize} and {MaxPartSize} bytes.");
        }

        if (MaxPartsInFlight is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPartsInFlight), MaxPartsInFlight, "The parts in flight must be between 1 and 64.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(ContentType);
    }
}
