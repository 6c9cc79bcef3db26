using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Snowferry.Internal;

namespace Snowferry.Snowflake.Client;

public sealed partial class SnowflakeClient
{
    private static readonly MediaTypeWithQualityHeaderValue s_acceptJson = new("application/json");

    /// <summary>
    /// Sends one logical request, retrying within <see cref="SnowflakeClientOptions.RetryTimeout"/> and
    /// <see cref="SnowflakeClientOptions.MaxAttempts"/> on 429/5xx, dropped connections and truncated bodies, and
    /// renewing the token once on 401. <paramref name="handle"/> turns a final answer into a value (or throws);
    /// a <see cref="JsonException"/> from it means a truncated body and is retried from scratch. With
    /// <paramref name="throttleIsAnswer"/>, a 429 is a final answer too (a status poll: the statement is queued).
    /// </summary>
    private async Task<T> SendAsync<T>(
        HttpMethod method,
        Func<int, Uri> uriForAttempt,
        byte[]? body,
        string operation,
        Func<HttpResponseMessage, PooledBuffer, T> handle,
        CancellationToken cancellationToken,
        long sizeHint = 0,
        bool throttleIsAnswer = false,
        PartitionWorkers? workers = null)
    {
        var started = _time.GetTimestamp();
        var attempt = 0;
        var renewed = false;
        var forceRenew = false;
        var lastStatus = 0;
        var lastReason = "";
        Exception? lastError = null;
        while (true)
        {
            attempt++;
            TimeSpan? retryAfter = null;
            try
            {
                var token = await _tokens.GetTokenAsync(forceRenew, cancellationToken).ConfigureAwait(false);
                forceRenew = false;
                using var request = new HttpRequestMessage(method, uriForAttempt(attempt));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                request.Headers.TryAddWithoutValidation("X-Snowflake-Authorization-Token-Type", token.TokenType);
                request.Headers.Accept.Add(s_acceptJson);
                request.Headers.TryAddWithoutValidation("User-Agent", s_userAgent);
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var status = response.StatusCode;
                if (status == HttpStatusCode.Unauthorized && !renewed)
                {
                    renewed = true;
                    forceRenew = true;
                    Log.RenewingToken(_logger, operation);
                    continue;
                }

                if (IsRetryable(status) && !(throttleIsAnswer && status == HttpStatusCode.TooManyRequests))
                {
                    lastStatus = (int)status;
                    lastReason = $"HTTP {lastStatus}";
                    lastError = null;
                    retryAfter = RetryAfter(response);
                }
                else if (workers is null)
                {
                    using var content = await ReadBodyAsync(response, sizeHint, cancellationToken).ConfigureAwait(false);
                    return handle(response, content);
                }
                else
                {
                    // The download is I/O and waits for nothing; inflating and decoding take one of the workers' slots.
                    using var raw = await ReadRawBodyAsync(response, cancellationToken).ConfigureAwait(false);
                    return await workers.RunAsync(
                        () =>
                        {
                            if (!raw.IsGzip)
                            {
                                return handle(response, raw);
                            }

                            using var inflated = raw.Gunzip(InflatedSizeHint(sizeHint));
                            return handle(response, inflated);
                        },
                        cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (IsTransientFailure(ex, cancellationToken))
            {
                lastError = ex;
                lastReason = ex is JsonException ? "truncated or malformed body" : ex.GetType().Name;
            }

            var elapsed = _time.GetElapsedTime(started);
            var delay = Backoff(attempt, retryAfter);
            if (attempt >= _options.MaxAttempts || elapsed + delay > _options.RetryTimeout)
            {
                throw new SnowflakeException(
                    lastError is HttpRequestException { StatusCode: null } unreachable
                        ? string.Create(
                            CultureInfo.InvariantCulture,
                            $"Could not reach Snowflake at {_http.BaseAddress} ({unreachable.Message}; {attempt} attempts over {elapsed.TotalSeconds:F1} s): check the account, host and port of connection '{_settings.Name ?? "(unnamed)"}' in connections.toml, and the network or proxy.")
                        : string.Create(
                            CultureInfo.InvariantCulture,
                            $"{operation} failed {attempt} times over {elapsed.TotalSeconds:F1} s (last: {lastReason}); giving up (see SnowflakeClientOptions.MaxAttempts and RetryTimeout)."),
                    lastStatus,
                    code: null,
                    sqlState: null,
                    statementHandle: null,
                    isTransient: true,
                    innerException: lastError);
            }

            Log.RetryingRequest(_logger, operation, attempt, lastReason, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static bool IsTransientFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpRequestException or IOException or JsonException or InvalidDataException => true,
        // HttpClient.Timeout surfaces as a cancellation the caller did not ask for: a transient failure.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The answer's <c>Retry-After</c> as a delay from now, whether given in seconds or as a date; null when absent.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) => RetryAfter(response, _time.GetUtcNow());

    internal static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>Exponential backoff with full jitter, at least the server's Retry-After, capped at RetryMaxDelay.</summary>
    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(
            _options.RetryMaxDelay.TotalMilliseconds,
            _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        if (retryAfter is { } floor && floor > delay)
        {
            delay = floor < _options.RetryMaxDelay ? floor : _options.RetryMaxDelay;
        }

        return delay;
    }

    /// <summary>Reads the whole body; gunzips it when it is gzip, whether or not the handler already did.</summary>
    private async Task<PooledBuffer> ReadBodyAsync(HttpResponseMessage response, long sizeHint, CancellationToken cancellationToken)
    {
        var raw = await ReadRawBodyAsync(response, cancellationToken).ConfigureAwait(false);
        if (!raw.IsGzip)
        {
            return raw;
        }

        using (raw)
        {
            // In memory already: inflating waits for nothing, so it runs on this thread.
            return raw.Gunzip(InflatedSizeHint(sizeHint));
        }
    }

    /// <summary>The inflated size Snowflake announced, as a buffer's first capacity (bounded by the response limit).</summary>
    private int InflatedSizeHint(long sizeHint) => (int)Math.Clamp(sizeHint, 0, _options.MaxResponseBytes - 1);

    /// <summary>Reads the whole body as it came (after the handler's own decompression, if any).</summary>
    private async Task<PooledBuffer> ReadRawBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var length = response.Content.Headers.ContentLength;
            var initial = length is { } n && n < _options.MaxResponseBytes ? (int)n + 1 : 64 * 1024;
            return await PooledBuffer.ReadAllAsync(stream, initial, _options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
