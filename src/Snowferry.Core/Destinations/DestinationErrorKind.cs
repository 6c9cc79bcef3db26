namespace Snowferry.Destinations;

/// <summary>What went wrong with a destination.</summary>
public enum DestinationErrorKind
{
    /// <summary>Anything else: a network failure, a server error.</summary>
    Failed,

    /// <summary>The destination string is malformed (bad bucket name, unsupported scheme, bad key).</summary>
    InvalidAddress,

    /// <summary>The bucket or folder does not exist.</summary>
    NotFound,

    /// <summary>The credentials lack a permission.</summary>
    AccessDenied,

    /// <summary>An object exists at the key and overwrite is off.</summary>
    AlreadyExists,

    /// <summary>What the store holds is not what was written (size or checksum).</summary>
    IntegrityMismatch,
}
