using System.Text.Json.Serialization;

namespace Snowferry.Service.Api;

/// <summary>The body of <c>POST /v1/transfers</c> and <c>POST /v1/plans</c>; an unknown field is a 400.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TransferRequest
{
    /// <summary><c>TABLE</c>, <c>SCHEMA.TABLE</c> or <c>DATABASE.SCHEMA.TABLE</c>, Snowflake identifier rules.</summary>
    public string? SourceTable { get; init; }

    /// <summary><c>s3://bucket/prefix/</c> (or a bucket name), inside one of the client's allowed destinations.</summary>
    public string? DestinationS3Bucket { get; init; }

    /// <summary>What a request may choose; everything else is the server's configuration.</summary>
    public TransferRequestOptions? Options { get; init; }
}

/// <summary>The per-request options; names as the library's <c>TransferOptions</c>, in snake_case.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TransferRequestOptions
{
    /// <summary><c>parquet</c> (default), <c>csv</c>, <c>jsonl</c>, <c>json</c>.</summary>
    public string? Format { get; init; }

    /// <summary><c>default</c>, <c>none</c>, <c>snappy</c>, <c>zstd</c>, <c>gzip</c>.</summary>
    public string? Compression { get; init; }

    /// <summary>A key prefix under the destination's own.</summary>
    public string? Prefix { get; init; }

    /// <summary>A deterministic key, e.g. <c>{table}/{date:yyyy-MM}/{table}.{ext}</c>.</summary>
    public string? KeyTemplate { get; init; }

    /// <summary>The month columns (instead of every date and timestamp column).</summary>
    public IReadOnlyList<string>? MonthColumns { get; init; }

    /// <summary>Numeric columns to group by instead of summing (identifiers).</summary>
    public IReadOnlyList<string>? KeyColumns { get; init; }

    /// <summary>Only these columns.</summary>
    public IReadOnlyList<string>? KeepColumns { get; init; }

    /// <summary>Columns left out.</summary>
    public IReadOnlyList<string>? DropColumns { get; init; }

    /// <summary>Numeric columns read as Unix epochs and truncated to their month.</summary>
    public IReadOnlyList<string>? EpochColumns { get; init; }

    /// <summary><c>seconds</c> (default), <c>milliseconds</c>, <c>microseconds</c>, <c>nanoseconds</c>.</summary>
    public string? EpochUnit { get; init; }

    /// <summary>Replace an existing object; only for a client with <c>AllowOverwrite</c>.</summary>
    public bool? Overwrite { get; init; }

    /// <summary>Read the file back after the commit and check it.</summary>
    public bool? Verify { get; init; }

    /// <summary><c>stream</c> (default); <c>unload</c> and <c>auto</c> where the server names a storage integration.</summary>
    public string? Mode { get; init; }
}
