namespace Snowferry.Transfer;

/// <summary>
/// Where a running transfer is, reported as it goes (rows and bytes, not a spinner), and what it has started outside
/// the process: <see cref="QueryId"/>, <see cref="Location"/> and <see cref="UnloadFolder"/> are reported the moment
/// each is started, before the transfer goes on, so a host that saves every value can clean up after a process that
/// was killed mid-run (<see cref="Snowflake.Client.SnowflakeClient.CancelAsync"/> the statement,
/// <see cref="SnowferryDataSource.AbortUploadsAsync"/> the upload, <see cref="SnowferryDataSource.RemoveIncompleteUnloadAsync"/>
/// the run folder). Once set, each stays set in every later value of the run: the latest value says everything.
/// </summary>
/// <param name="Phase">What the transfer is doing now.</param>
/// <param name="RowsWritten">Output rows written to the file so far.</param>
/// <param name="ExpectedRows">Output rows the statement returned, once known.</param>
/// <param name="BytesWritten">Bytes of the file produced so far.</param>
/// <param name="Elapsed">Time since the transfer started.</param>
public sealed record TransferProgress(TransferPhase Phase, long RowsWritten, long? ExpectedRows, long BytesWritten, TimeSpan Elapsed)
{
    /// <summary>
    /// The handle of the transfer's main statement (the aggregation's <c>SELECT</c>, or an unload's <c>COPY INTO</c>),
    /// reported as soon as Snowflake has accepted it, while it still runs; the report's <see cref="TransferReport.QueryId"/>
    /// at the end. Null before. The row counts and estimates run before it are not reported (they only read).
    /// </summary>
    public string? QueryId { get; init; }

    /// <summary>
    /// The object being uploaded, as the report's <see cref="TransferReport.Uri"/> will name it (<c>s3://bucket/key</c>,
    /// a <c>file://</c> URI), reported when its upload begins, before the first byte is sent. Until the upload is committed
    /// nothing is visible there, but a killed process can leave an open multipart upload or a temporary file behind.
    /// Null for an unload, which uploads no data itself.
    /// </summary>
    public string? Location { get; init; }

    /// <summary>
    /// An unload's run folder (<c>s3://bucket/prefix/TABLE/run-…/</c>), reported before its <c>COPY INTO</c> is
    /// submitted. The run is published only once its <c>manifest.json</c> is written there; files without it are an
    /// unload that did not finish. Null for a streamed transfer.
    /// </summary>
    public string? UnloadFolder { get; init; }
}

/// <summary>The steps of a transfer, in order.</summary>
public enum TransferPhase
{
    /// <summary>Reading the table's columns and building the plan.</summary>
    Planning,

    /// <summary>Snowflake is running the aggregation.</summary>
    Querying,

    /// <summary>Rows are streaming from Snowflake through the writer to the destination.</summary>
    Writing,

    /// <summary>The last part is uploaded and the object committed.</summary>
    Committing,

    /// <summary>The object is in place.</summary>
    Done,
}
