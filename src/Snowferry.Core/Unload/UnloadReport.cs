using Snowferry.Transfer;

namespace Snowferry.Unload;

/// <summary>What an unload wrote: the data files under one run prefix and the manifest that lists them.</summary>
public sealed record UnloadReport
{
    /// <summary>The source table, fully qualified.</summary>
    public required string SourceTable { get; init; }

    /// <summary>The bucket.</summary>
    public required string Bucket { get; init; }

    /// <summary>The run's folder, ending with <c>/</c>.</summary>
    public required string RunPrefix { get; init; }

    /// <summary>The manifest's key (<c>&lt;run prefix&gt;manifest.json</c>): the result's <c>file_name</c>.</summary>
    public required string ManifestKey { get; init; }

    /// <summary>The data files in Snowflake's order; empty when the output had no rows.</summary>
    public required IReadOnlyList<UnloadedFile> Files { get; init; }

    /// <summary>The sum of the files' rows: the result's <c>row_count</c>.</summary>
    public long RowCount => Files.Sum(f => f.RowCount);

    /// <summary>The sum of the files' sizes.</summary>
    public long Bytes => Files.Sum(f => f.Bytes);

    /// <summary>The COPY INTO statement's query id.</summary>
    public required string QueryId { get; init; }

    /// <summary>The format of the data files.</summary>
    public required UnloadFileFormat Format { get; init; }

    /// <summary>When the manifest was written (the run's commit), UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>From start to the manifest.</summary>
    public TimeSpan TotalDuration { get; init; }

    /// <summary>The three keys of the contract: the manifest's key, the rows over all files, the commit time.</summary>
    public TransferResult ToResult() => new(ManifestKey, RowCount, Timestamp);
}
