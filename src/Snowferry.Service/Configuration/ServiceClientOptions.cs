namespace Snowferry.Service.Configuration;

/// <summary>One client of the service: how it proves who it is, and what it may read and write.</summary>
public sealed class ServiceClientOptions
{
    /// <summary><c>sha256:&lt;64 hex digits&gt;</c> of the client's key (UTF-8). <c>snowferry serve new-key</c> makes one.</summary>
    public string? KeyHash { get; set; }

    /// <summary>Several hashes at once, for rotating keys; used instead of, or beside, <see cref="KeyHash"/>.</summary>
    public List<string> KeyHashes { get; set; } = [];

    /// <summary>Table patterns (<c>DB.SCHEMA.TABLE</c>, <c>SCHEMA.TABLE</c>, <c>TABLE</c>; <c>*</c> within one part).</summary>
    public List<string> AllowedTables { get; set; } = [];

    /// <summary>Destination prefixes (<c>s3://bucket/prefix/</c>), matched by whole path segments.</summary>
    public List<string> AllowedDestinations { get; set; } = [];

    /// <summary>Whether the client may ask to replace an existing object.</summary>
    public bool AllowOverwrite { get; set; }

    /// <summary>Jobs queued or running at once; more is <c>429 queue_full</c>.</summary>
    public int MaxActiveJobs { get; set; } = 10;
}
