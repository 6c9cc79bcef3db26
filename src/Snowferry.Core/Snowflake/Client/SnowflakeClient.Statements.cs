using Snowferry.Internal;

namespace Snowferry.Snowflake.Client;

public sealed partial class SnowflakeClient
{
    /// <summary>
    /// Reads the result of a statement Snowflake already has, by its handle: typically one of a multi-statement request's
    /// <see cref="SnowflakeResult.StatementHandles"/>. Waits while it still runs. Cancelling
    /// <paramref name="cancellationToken"/> stops the waiting only; the statement itself is left alone.
    /// </summary>
    /// <exception cref="SnowflakeException">Unknown or expired handle, or the statement failed (the statement's own error).</exception>
    /// <exception cref="SnowflakeDataException">The result could not be decoded.</exception>
    public async Task<SnowflakeResult> GetResultAsync(string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        var started = _time.GetTimestamp();
        // Polled as a statement of our own is (202 and 429 mean "still running"), without a timeout: the statement's own
        // bounds it. It was submitted elsewhere, so a cancellation here leaves it running.
        var payload = await PollAsync(new ResponsePayload { StatementHandle = handle }, timeout: null, started, ownsStatement: false, cancellationToken).ConfigureAwait(false);
        var result = new SnowflakeResult(this, payload, _time.GetUtcNow());
        var elapsedMs = _time.GetElapsedTime(started).TotalMilliseconds;
        Log.StatementCompleted(_logger, result.StatementHandle, result.RowCount, result.Partitions.Count, elapsedMs);
        return result;
    }
}
