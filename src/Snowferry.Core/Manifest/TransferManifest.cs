using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snowferry.Manifest;

/// <summary>
/// The manifest of a transfer, one schema for both paths, written last through the destination (all or nothing, with
/// its checksum and overwrite guard) so that its presence means the data is complete. A streamed transfer writes it
/// beside its file as <c>&lt;data key&gt;.manifest.json</c>; an unload in its run folder as <c>manifest.json</c>. It
/// holds what a receiver needs to trust and load the data, and no secret (no connection, credential or row value).
/// Every field is described in <c>docs/MANIFEST.md</c>.
/// </summary>
public sealed record TransferManifest
{
    /// <summary>The suffix appended to a streamed file's key.</summary>
    public const string KeySuffix = ".manifest.json";

    /// <summary>The manifest's name in an unload's run folder.</summary>
    public const string RunFolderFileName = "manifest.json";

    /// <summary>The layout written today.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The layout's version; bumped when a field is removed or changes meaning (2: one schema for both modes).</summary>
    public int ManifestVersion { get; init; } = CurrentVersion;

    /// <summary><c>stream</c> (snowferry wrote one file) or <c>unload</c> (Snowflake wrote the files).</summary>
    public required string Mode { get; init; }

    /// <summary>The source table, fully qualified and quoted.</summary>
    public required string SourceTable { get; init; }

    /// <summary>The Snowflake statement (query id) that produced the rows: the query, or the <c>COPY INTO</c>.</summary>
    public required string QueryId { get; init; }

    /// <summary>The files' format, e.g. <c>parquet</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Every source column with the role the plan gave it and its type in the files (null when dropped).</summary>
    public required IReadOnlyList<TransferManifestColumn> Columns { get; init; }

    /// <summary>The files' columns in order, with their types.</summary>
    public required IReadOnlyList<TransferManifestField> Schema { get; init; }

    /// <summary>The data files, in order: one for a streamed transfer, none or more for an unload.</summary>
    public required IReadOnlyList<TransferManifestFile> Files { get; init; }

    /// <summary>Rows in the source table when the statement ran.</summary>
    public required long SourceRows { get; init; }

    /// <summary>Fully blank source rows left out; null after an unload (Snowflake reports only the rows it wrote).</summary>
    public long? BlankRowsDropped { get; init; }

    /// <summary>Rows over all data files.</summary>
    public required long OutputRows { get; init; }

    /// <summary>Bytes over all data files.</summary>
    public required long Bytes { get; init; }

    /// <summary>
    /// How an existing object was guarded against: <c>conditional-write</c>, <c>check-then-write</c>, <c>overwrite</c>,
    /// or <c>new-run-folder</c> (an unload).
    /// </summary>
    public required string OverwriteGuard { get; init; }

    /// <summary>snowferry's version.</summary>
    public required string SnowferryVersion { get; init; }

    /// <summary>When the transfer started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the data was committed (UTC): the result's <c>timestamp</c>.</summary>
    public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>The manifest as indented snake_case JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TransferManifestJsonContext.Default.TransferManifest);

    /// <summary>Reads a manifest written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">Not a manifest.</exception>
    public static TransferManifest Parse(string json) =>
        JsonSerializer.Deserialize(json, TransferManifestJsonContext.Default.TransferManifest) ?? throw new JsonException("The manifest is null.");
}

/// <summary>One source column: its name, the role the plan gave it, its type in the files.</summary>
/// <param name="Name">Source column name.</param>
/// <param name="Role">month, key, sum or dropped.</param>
/// <param name="OutputType">Type in the files (e.g. <c>DATE</c>, <c>NUMBER(38,2)</c>); null when dropped.</param>
public sealed record TransferManifestColumn(string Name, string Role, string? OutputType);

/// <summary>One column of the data files.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its type, e.g. <c>DATE</c>, <c>NUMBER(38,2)</c>, <c>VARCHAR</c>.</param>
public sealed record TransferManifestField(string Name, string Type);

/// <summary>One data file.</summary>
/// <param name="Key">The object key (or a local file's path under its folder).</param>
/// <param name="Uri">Its address, e.g. <c>s3://bucket/key</c>.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="RowCount">Rows in it.</param>
/// <param name="Checksum">Its SHA-256 as <c>sha256:hex</c> when snowferry wrote it; null for a file Snowflake unloaded.</param>
/// <param name="StoreChecksum">The checksum the store keeps (S3: <c>SHA256:base64</c> or <c>SHA256:base64-N</c>), when known.</param>
public sealed record TransferManifestFile(string Key, string Uri, long Bytes, long RowCount, string? Checksum, string? StoreChecksum);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(TransferManifest))]
internal sealed partial class TransferManifestJsonContext : JsonSerializerContext;
