using System.Net;
using Snowferry.Internal;

namespace Snowferry.Snowflake;

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
        var statusUri = new Uri($"/api/v2/statements/{Uri.EscapeDataString(handle)}", UriKind.Relative);
        var pollDelay = _options.PollInitialDelay;
        while (true)
        {
            var (status, payload) = await SendAsync(
                HttpMethod.Get, _ => statusUri, null, "GET statement result", ParseStatementResponse, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.Accepted)
            {
                payload.StatementHandle ??= handle;
                var result = new SnowflakeResult(this, payload, _time.GetUtcNow());
                var elapsedMs = _time.GetElapsedTime(started).TotalMilliseconds;
                Log.StatementCompleted(_logger, result.StatementHandle, result.RowCount, result.Partitions.Count, elapsedMs);
                return result;
            }

            Log.StatementPolling(_logger, handle, pollDelay.TotalMilliseconds);
            await Task.Delay(pollDelay, _time, cancellationToken).ConfigureAwait(false);
            pollDelay = TimeSpan.FromTicks(Math.Min(pollDelay.Ticks * 2, _options.PollMaxDelay.Ticks));
        }
    }
}
