using System.Text.Json;
using System.Text.Json.Serialization;
using Snowferry.Transfer;

namespace Snowferry.Manifest;

/// <summary>
/// The manifest written beside a transfer's file as <c>&lt;data key&gt;.manifest.json</c>, after the file is committed:
/// its presence means the data file is complete. It holds what a receiver needs to trust and load the file, and no
/// secret (no connection, credential or row value).
/// </summary>
public sealed record TransferManifest
{
    /// <summary>The suffix appended to the data file's key.</summary>
    public const string KeySuffix = ".manifest.json";

    /// <summary>The manifest layout's version; bumped when a field changes meaning.</summary>
    public int ManifestVersion { get; init; } = 1;

    /// <summary>The data file's key, relative to the bucket.</summary>
    public required string DataFile { get; init; }

    /// <summary>The data file's address, e.g. <c>s3://bucket/key</c>.</summary>
    public required string DataUri { get; init; }

    /// <summary>The source table, fully qualified and quoted.</summary>
    public required string SourceTable { get; init; }

    /// <summary>The Snowflake statement (query id) that produced the rows.</summary>
    public required string QueryId { get; init; }

    /// <summary>The file's format, e.g. <c>parquet</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Every source column with the role the plan gave it and its type in the file (null when dropped).</summary>
    public required IReadOnlyList<TransferReportColumn> Columns { get; init; }

    /// <summary>The file's columns in order, with their types.</summary>
    public required IReadOnlyList<TransferManifestField> Schema { get; init; }

    /// <summary>Rows in the source table when the statement ran.</summary>
    public required long SourceRows { get; init; }

    /// <summary>Fully blank source rows left out.</summary>
    public required long BlankRowsDropped { get; init; }

    /// <summary>Rows in the data file.</summary>
    public required long OutputRows { get; init; }

    /// <summary>The data file's size in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>The data file's SHA-256 as <c>sha256:hex</c>.</summary>
    public required string Checksum { get; init; }

    /// <summary>The checksum the store keeps (S3: <c>SHA256:base64</c> or <c>SHA256:base64-N</c>).</summary>
    public string? StoreChecksum { get; init; }

    /// <summary>snowferry's version.</summary>
    public required string SnowferryVersion { get; init; }

    /// <summary>When the transfer started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the data file was committed (UTC): the result's <c>timestamp</c>.</summary>
    public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>The manifest as indented snake_case JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TransferManifestJsonContext.Default.TransferManifest);

    /// <summary>Reads a manifest written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">Not a manifest.</exception>
    public static TransferManifest Parse(string json) =>
        JsonSerializer.Deserialize(json, TransferManifestJsonContext.Default.TransferManifest) ?? throw new JsonException("The manifest is null.");
}

/// <summary>One column of the data file.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its type, e.g. <c>DATE</c>, <c>NUMBER(38,2)</c>, <c>VARCHAR</c>.</param>
public sealed record TransferManifestField(string Name, string Type);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(TransferManifest))]
internal sealed partial class TransferManifestJsonContext : JsonSerializerContext;
