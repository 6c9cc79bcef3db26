namespace Snowferry.Transfer;

/// <summary>
/// One run's progress: each value carries what the run has started outside the process so far (statement, upload, run
/// folder), because a host may keep only the latest value and must still find all of it after a crash. The steps of a
/// run report one after another, never at once, so no lock is needed.
/// </summary>
internal sealed class TransferProgressReporter(IProgress<TransferProgress>? progress, TimeProvider time, long started)
{
    private TransferProgress _last = new(TransferPhase.Planning, 0, null, 0, TimeSpan.Zero);

    /// <summary>When the run started (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long Started => started;

    public void Report(TransferPhase phase, long rows, long? expected, long bytes) =>
        Send(_last with { Phase = phase, RowsWritten = rows, ExpectedRows = expected, BytesWritten = bytes });

    /// <summary>Snowflake accepted the main statement: reported before the client waits for it.</summary>
    public void StatementAccepted(string handle) => Send(_last with { QueryId = handle });

    /// <summary>The data file's upload began; nothing of it has been sent yet.</summary>
    public void UploadStarted(string location) => Send(_last with { Location = location });

    /// <summary>The unload's run folder is named; its <c>COPY INTO</c> has not been submitted yet.</summary>
    public void UnloadFolderChosen(string folder) => Send(_last with { UnloadFolder = folder });

    private void Send(TransferProgress value)
    {
        _last = value with { Elapsed = time.GetElapsedTime(started) };
        progress?.Report(_last);
    }
}
