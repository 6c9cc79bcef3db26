namespace Snowferry.Transfer;

/// <summary>Where a running transfer is, reported as it goes (rows and bytes, not a spinner).</summary>
/// <param name="Phase">What the transfer is doing now.</param>
/// <param name="RowsWritten">Output rows written to the file so far.</param>
/// <param name="ExpectedRows">Output rows the statement returned, once known.</param>
/// <param name="BytesWritten">Bytes of the file produced so far.</param>
/// <param name="Elapsed">Time since the transfer started.</param>
public sealed record TransferProgress(TransferPhase Phase, long RowsWritten, long? ExpectedRows, long BytesWritten, TimeSpan Elapsed);

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
