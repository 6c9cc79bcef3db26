using System.Globalization;
using System.Net;
using System.Text.Json;
using Snowferry.Internal;

namespace Snowferry.Snowflake.Client;

public sealed partial class SnowflakeClient
{
    /// <summary>
    /// POSTs the statement with <c>async=true</c>, which Snowflake answers at once with the handle (SQL_API.md §4):
    /// without it the POST may wait up to 45 s, and a caller cancelling during that wait would leave the warehouse running
    /// a statement nobody can name. A cancel that arrives while the POST is in flight therefore does not abort it: the
    /// answer is waited for (up to <see cref="SnowflakeClientOptions.CancelTimeout"/>) and the statement cancelled by handle.
    /// </summary>
    private async Task<(HttpStatusCode Status, ResponsePayload Payload)> SubmitAsync(Guid requestId, byte[] body, CancellationToken cancellationToken)
    {
        using var grace = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var cancelled = cancellationToken.Register(() => grace.CancelAfter(_options.CancelTimeout));
        (HttpStatusCode Status, ResponsePayload Payload) answer;
        try
        {
            answer = await SendAsync(
                HttpMethod.Post,
                attempt => StatementsUri(requestId, retry: attempt > 1),
                body,
                "POST /api/v2/statements",
                ParseStatementResponse,
                grace.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or SnowferryException)
        {
            // No handle within the grace period (or the submit failed meanwhile): nothing to cancel by name.
            Log.SubmitAbandoned(_logger, requestId);
            throw new OperationCanceledException("The statement was cancelled before Snowflake acknowledged it.", ex, cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            if (answer.Status == HttpStatusCode.Accepted && answer.Payload.StatementHandle is { } handle)
            {
                await TryCancelOnServerAsync(handle).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        return answer;
    }

    /// <summary>
    /// Polls a statement Snowflake accepted until it finishes. 202 and 429 both mean "still queued or running" (a status
    /// poll is throttled while a busy warehouse queues the statement, SQL_API.md §5), so neither is counted as a failed
    /// attempt; a 429's <c>Retry-After</c> sets the next delay. What bounds the wait is the statement's timeout, after
    /// which Snowflake answers 408: a statement still reported running <see cref="SnowflakeClientOptions.RetryTimeout"/>
    /// past it is cancelled and fails. The caller's cancellation cancels the statement on the server when
    /// <paramref name="ownsStatement"/> (this caller submitted it), else it only stops the waiting.
    /// </summary>
    private async Task<ResponsePayload> PollAsync(ResponsePayload accepted, TimeSpan? timeout, long submitted, bool ownsStatement, CancellationToken cancellationToken)
    {
        var handle = accepted.StatementHandle
            ?? throw new SnowflakeException("Snowflake answered 202 without a statement handle.", 202, accepted.Code, accepted.SqlState, null);
        var statusUri = new Uri(accepted.StatementStatusUrl ?? $"/api/v2/statements/{Uri.EscapeDataString(handle)}", UriKind.RelativeOrAbsolute);
        var limit = timeout + _options.RetryTimeout;
        var backoff = _options.PollInitialDelay;
        var delay = backoff;
        try
        {
            while (true)
            {
                var elapsed = _time.GetElapsedTime(submitted);
                if (limit is { } bound)
                {
                    if (elapsed >= bound)
                    {
                        await TryCancelOnServerAsync(handle).ConfigureAwait(false);
                        throw StillRunning(handle, timeout!.Value, elapsed);
                    }

                    delay = delay < bound - elapsed ? delay : bound - elapsed;
                }

                Log.StatementPolling(_logger, handle, delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                var (status, payload, retryAfter) = await SendAsync(
                    HttpMethod.Get, _ => statusUri, null, "GET statement status", ParsePollResponse, cancellationToken, throttleIsAnswer: true).ConfigureAwait(false);
                payload.StatementHandle ??= handle;
                if (status == HttpStatusCode.OK)
                {
                    return payload;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.PollMaxDelay.Ticks));
                delay = backoff;
                if (status == HttpStatusCode.TooManyRequests)
                {
                    delay = retryAfter ?? backoff;
                    Log.StatementPollThrottled(_logger, handle, delay.TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && ownsStatement)
        {
            await TryCancelOnServerAsync(handle).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A status poll's answer: 200 done, 202 running, 429 running behind a busy warehouse (with its Retry-After).</summary>
    private (HttpStatusCode Status, ResponsePayload Payload, TimeSpan? RetryAfter) ParsePollResponse(HttpResponseMessage response, PooledBuffer body)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            var (status, payload) = ParseStatementResponse(response, body);
            return (status, payload, null);
        }

        ResponsePayload throttled;
        try
        {
            // A QueryStatus (333334 and the handle) from Snowflake, a plain 390505 from its front door; either way, poll again.
            throttled = body.Length == 0 ? new ResponsePayload() : ResultParser.ParseResponse(body.Span);
        }
        catch (Exception ex) when (ex is JsonException or SnowflakeDataException)
        {
            throttled = new ResponsePayload();
        }

        return (HttpStatusCode.TooManyRequests, throttled, RetryAfter(response));
    }

    private static SnowflakeException StillRunning(string handle, TimeSpan timeout, TimeSpan elapsed) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"Statement {handle} was still reported running after {elapsed.TotalSeconds:F0} s, past its {timeout.TotalSeconds:F0} s statement timeout (Snowflake should have cancelled it with 408 by then); it was cancelled. Check the warehouse's load and Snowflake's status, or raise the statement timeout."),
        (int)HttpStatusCode.RequestTimeout,
        code: null,
        sqlState: null,
        statementHandle: handle);

    private static Uri StatementsUri(Guid requestId, bool retry) =>
        new($"/api/v2/statements?requestId={requestId:D}&async=true{(retry ? "&retry=true" : "")}", UriKind.Relative);
}
