using System.Text.Json;
using System.Text.Json.Serialization;
using Snowferry.Unload;

namespace Snowferry.Transfer;

/// <summary>
/// Everything a transfer did, for operators and audits: where from, where to, how many rows went in and came out, the
/// bytes and checksum of the file, the Snowflake statement, and how long each step took. Holds no secret.
/// </summary>
public sealed record TransferReport
{
    /// <summary>The source table, fully qualified and quoted as Snowflake names it.</summary>
    public required string SourceTable { get; init; }

    /// <summary>
    /// The object key (or local path) of the file: the result's <c>file_name</c>. For an unload, the key of the manifest
    /// listing the <see cref="Files"/>.
    /// </summary>
    public required string FileName { get; init; }

    /// <summary>The path the rows took: <c>stream</c> (this process wrote one file) or <c>unload</c> (Snowflake wrote <see cref="Files"/>).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<TransferMode>))]
    public TransferMode Mode { get; init; } = TransferMode.Stream;

    /// <summary>Why that path: asked for, auto's estimate against its threshold, or why auto could not unload.</summary>
    public string ModeReason { get; init; } = "asked for";

    /// <summary>Auto's estimate of the output rows (approximate distinct months and keys); null when nothing was estimated.</summary>
    public long? EstimatedRows { get; init; }

    /// <summary>Auto's estimate of the output bytes, uncompressed; null when nothing was estimated.</summary>
    public long? EstimatedBytes { get; init; }

    /// <summary>An unload's data files under its run folder, in Snowflake's order; null when streamed.</summary>
    public IReadOnlyList<UnloadedFile>? Files { get; init; }

    /// <summary>Where the file is, e.g. <c>s3://bucket/key</c>.</summary>
    public required string Uri { get; init; }

    /// <summary>Output format, e.g. <c>parquet</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Rows in the written file (for an unload, over all files).</summary>
    public required long OutputRows { get; init; }

    /// <summary>Rows in the source table when the statement ran.</summary>
    public required long SourceRows { get; init; }

    /// <summary>
    /// Fully blank source rows left out; null after an unload (Snowflake reports only the rows it wrote, and counting
    /// the kept rows would scan the table again).
    /// </summary>
    public required long? BlankRowsDropped { get; init; }

    /// <summary>Bytes of the file (for an unload, over all files).</summary>
    public required long Bytes { get; init; }

    /// <summary>Checksum of the whole file as <c>algorithm:value</c> (e.g. <c>sha256:…</c>), when the destination gives one.</summary>
    public string? Checksum { get; init; }

    /// <summary>The checksum the store keeps for the object (S3: <c>SHA256:base64</c>, <c>SHA256:base64-N</c> for N parts).</summary>
    public string? StoreChecksum { get; init; }

    /// <summary>
    /// True when the object's checksum was confirmed after the write: the store reported the same checksum as computed
    /// from the bytes sent, or <see cref="Verified"/> read the bytes back and they hashed to <see cref="Checksum"/>. The
    /// object's size is always checked.
    /// </summary>
    public bool ChecksumVerified { get; init; }

    /// <summary>True when the file was read back (<see cref="TransferOptions.Verify"/>) and its bytes and row count matched.</summary>
    public bool Verified { get; init; }

    /// <summary>
    /// How an existing object was guarded against: <c>conditional-write</c> (If-None-Match), <c>check-then-write</c>
    /// (a store without conditional writes), or <c>overwrite</c> (asked to replace).
    /// </summary>
    public string OverwriteGuard { get; init; } = TransferOverwriteGuards.ConditionalWrite;

    /// <summary>The manifest's key, when one was written.</summary>
    public string? ManifestFileName { get; init; }

    /// <summary>When the transfer started (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Handle (query id) of the Snowflake statement that produced the rows.</summary>
    public required string QueryId { get; init; }

    /// <summary>Each column's role and output type, in file order; dropped columns last with no type.</summary>
    public required IReadOnlyList<TransferReportColumn> Columns { get; init; }

    /// <summary>When the object was committed (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Whether an existing object was replaced (only when overwrite was asked).</summary>
    public bool Overwrote { get; init; }

    /// <summary>Time reading columns and planning.</summary>
    public TimeSpan PlanDuration { get; init; }

    /// <summary>
    /// Time for Snowflake to run the statement, until the first rows were ready; for an unload, the whole COPY INTO, the
    /// check of its files and the manifest.
    /// </summary>
    public TimeSpan QueryDuration { get; init; }

    /// <summary>Time streaming rows through the writer to the destination, commit included.</summary>
    public TimeSpan WriteDuration { get; init; }

    /// <summary>The whole transfer.</summary>
    public TimeSpan TotalDuration { get; init; }

    /// <summary>snowferry's version.</summary>
    public string SnowferryVersion { get; init; } = TransferVersion.Current;

    /// <summary>The three-key result (<c>file_name</c>, <c>row_count</c>, <c>timestamp</c>).</summary>
    public TransferResult ToResult() => new(FileName, OutputRows, Timestamp);

    /// <summary>The report as snake_case JSON.</summary>
    public string ToJson(bool indented = true) =>
        JsonSerializer.Serialize(this, indented ? TransferReportJsonContext.Indented.TransferReport : TransferReportJsonContext.Default.TransferReport);
}

/// <summary>One column of the report: its name, the role the plan gave it, and its type in the file.</summary>
/// <param name="Name">Source column name.</param>
/// <param name="Role">month, key, sum or dropped.</param>
/// <param name="OutputType">Type in the file (e.g. <c>DATE</c>, <c>NUMBER(38,2)</c>); null when dropped.</param>
public sealed record TransferReportColumn(string Name, string Role, string? OutputType);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(TransferReport))]
internal sealed partial class TransferReportJsonContext : JsonSerializerContext
{
    public static TransferReportJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    });
}

/// <summary>The library's informational version.</summary>
internal static class TransferVersion
{
    public static string Current { get; } =
        (typeof(TransferVersion).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
