using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Internal;

namespace Snowferry.Snowflake.Client;

/// <summary>
/// Runs statements through Snowflake's SQL API (<c>/api/v2/statements</c>): submits, polls while running, retries
/// transient failures idempotently (same <c>requestId</c> with <c>retry=true</c>), and reads results partition by partition.
/// Thread-safe; one instance per connection is enough.
/// </summary>
public sealed partial class SnowflakeClient
{
    private static readonly string s_userAgent = BuildUserAgent();

    private readonly HttpClient _http;
    private readonly SnowflakeConnectionSettings _settings;
    private readonly ISnowflakeTokenProvider _tokens;
    private readonly SnowflakeClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the client. Sets <paramref name="http"/>'s base address to the connection's when it has none.</summary>
    /// <param name="http">Sends the requests; see <see cref="CreateDefaultHandler"/> for a suitable handler.</param>
    /// <param name="settings">The connection: base address and default database, schema, warehouse, role.</param>
    /// <param name="tokens">Supplies bearer tokens; asked again with <c>forceRenew</c> after a 401.</param>
    /// <param name="options">Retry, poll and prefetch settings; defaults when null.</param>
    /// <param name="timeProvider">Clock for backoff and polling delays; the system clock when null.</param>
    /// <param name="logger">Receives submits, retries and cancels (never tokens or SQL text).</param>
    public SnowflakeClient(
        HttpClient http,
        SnowflakeConnectionSettings settings,
        ISnowflakeTokenProvider tokens,
        SnowflakeClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<SnowflakeClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tokens);
        _options = options ?? new SnowflakeClientOptions();
        _options.Validate();
        _http = http;
        _http.BaseAddress ??= settings.BaseAddress;
        _settings = settings;
        _tokens = tokens;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Workers = new PartitionWorkers(Environment.ProcessorCount);
    }

    /// <summary>
    /// Where this client's partitions are inflated and decoded: one slot per processor, shared by every result it
    /// reads, so every transfer of a data source (which has one client) shares them.
    /// </summary>
    internal PartitionWorkers Workers { get; set; }

    /// <summary>
    /// A handler for the <see cref="HttpClient"/> passed to the constructor: gzip/deflate decompression and pooled
    /// connections recycled every few minutes (so DNS changes are seen).
    /// </summary>
    public static HttpMessageHandler CreateDefaultHandler() => new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Submits <paramref name="statement"/> and waits for it to finish. Rows are read afterwards with
    /// <see cref="SnowflakeResult.ReadBatchesAsync"/>. The statement is submitted with <c>async=true</c>, so its handle
    /// is known after one round trip (and given to <see cref="SnowflakeStatementOptions.OnAccepted"/>), then polled. If
    /// <paramref name="cancellationToken"/> fires, the client asks Snowflake to cancel the statement (best effort; a submit
    /// still in flight is first given up to <see cref="SnowflakeClientOptions.CancelTimeout"/> to bring the handle) and
    /// throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The statement timeout is not between 1 second and 7 days.</exception>
    /// <exception cref="SnowflakeException">Snowflake rejected, failed or timed out the statement (408), or stayed unreachable.</exception>
    /// <exception cref="SnowflakeDataException">The result could not be decoded.</exception>
    public async Task<SnowflakeResult> ExecuteAsync(string statement, SnowflakeStatementOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        options ??= new SnowflakeStatementOptions();
        var timeout = options.Timeout ?? _options.StatementTimeout;
        cancellationToken.ThrowIfCancellationRequested();
        var started = _time.GetTimestamp();
        var requestId = Guid.NewGuid();
        var body = StatementRequest.Build(statement, options with { Timeout = timeout }, _settings);
        Log.SubmittingStatement(_logger, statement.Length, requestId);

        var (status, payload) = await SubmitAsync(requestId, body, cancellationToken).ConfigureAwait(false);
        Log.StatementAccepted(_logger, payload.StatementHandle, requestId, (int)status);
        await NotifyAcceptedAsync(options.OnAccepted, payload.StatementHandle, status).ConfigureAwait(false);
        if (status == HttpStatusCode.Accepted)
        {
            payload = await PollAsync(payload, timeout, started, ownsStatement: true, cancellationToken).ConfigureAwait(false);
        }

        var result = new SnowflakeResult(this, payload, _time.GetUtcNow());
        var elapsedMs = _time.GetElapsedTime(started).TotalMilliseconds;
        Log.StatementCompleted(_logger, result.StatementHandle, result.RowCount, result.Partitions.Count, elapsedMs);
        return result;
    }

    /// <summary>Asks Snowflake to cancel a running statement.</summary>
    /// <exception cref="SnowflakeException">Unknown handle (422 <c>000709</c>) or another refusal.</exception>
    public async Task CancelAsync(string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        var uri = new Uri($"/api/v2/statements/{Uri.EscapeDataString(handle)}/cancel", UriKind.Relative);
        await SendAsync(HttpMethod.Post, _ => uri, null, "POST cancel", ParseStatementResponse, cancellationToken).ConfigureAwait(false);
        Log.StatementCancelled(_logger, handle);
    }

    private async Task NotifyAcceptedAsync(Action<string>? onAccepted, string? handle, HttpStatusCode status)
    {
        if (onAccepted is null || handle is null)
        {
            return;
        }

        try
        {
            onAccepted(handle);
        }
        catch
        {
            // The caller could not record the handle, so nobody could cancel the statement later: cancel it now.
            if (status == HttpStatusCode.Accepted)
            {
                await TryCancelOnServerAsync(handle).ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task TryCancelOnServerAsync(string handle)
    {
        // The caller's token has fired, so the cancel gets its own short deadline; it must not hide the cancellation.
        using var timeout = new CancellationTokenSource(_options.CancelTimeout, _time);
        try
        {
            await CancelAsync(handle, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SnowferryException or HttpRequestException or IOException or OperationCanceledException)
        {
            Log.CancelFailed(_logger, handle, ex);
        }
    }

    /// <summary>200 and 202 come back parsed; 408, 422 and other refusals become <see cref="SnowflakeException"/>.</summary>
    private (HttpStatusCode Status, ResponsePayload Payload) ParseStatementResponse(HttpResponseMessage response, PooledBuffer body)
    {
        var status = response.StatusCode;
        if (status is HttpStatusCode.OK or HttpStatusCode.Accepted)
        {
            // A truncated 200 body throws JsonException here, which the caller retries like a dropped connection.
            var payload = body.Length == 0 ? new ResponsePayload() : ResultParser.ParseResponse(body.Span);
            return (status, payload);
        }

        throw ErrorFromBody(status, body);
    }

    private SnowflakeException ErrorFromBody(HttpStatusCode status, PooledBuffer body)
    {
        ResponsePayload? payload = null;
        try
        {
            payload = body.Length == 0 ? null : ResultParser.ParseResponse(body.Span);
        }
        catch (Exception ex) when (ex is JsonException or SnowflakeDataException)
        {
            // Not a Snowflake JSON body (a proxy's HTML page, say): fall back to the status line.
        }

        var code = (int)status;
        var message = payload?.Message is { Length: > 0 } m ? m : $"HTTP {code} {status}";
        var prefix = status switch
        {
            HttpStatusCode.UnprocessableEntity => "Snowflake failed the statement",
            HttpStatusCode.RequestTimeout => "The statement timed out and Snowflake cancelled it",
            HttpStatusCode.Unauthorized => "Snowflake rejected the credentials even after a token renewal",
            HttpStatusCode.Forbidden => "Snowflake refused access (is the SQL API enabled for this account and role?)",
            _ => $"Snowflake answered HTTP {code}",
        };
        var detail = payload?.Code is { } c ? $" [{c}{(payload.SqlState is { } s ? $"/{s}" : "")}]" : "";
        if (status == HttpStatusCode.Unauthorized)
        {
            message += " " + CredentialsHint();
        }

        var handle = payload?.StatementHandle;
        Log.StatementFailed(_logger, handle, payload?.Code, payload?.SqlState);
        return new SnowflakeException($"{prefix}{detail}: {message}", code, payload?.Code, payload?.SqlState, handle);
    }

    /// <summary>Which connection's credentials to check, and how; names files, never their contents.</summary>
    private string CredentialsHint()
    {
        var connection = $"connection '{_settings.Name ?? "(unnamed)"}' (account {_settings.Account}, user {_settings.User})";
        return _settings.Authenticator.ToUpperInvariant() switch
        {
            SnowflakeAuthenticators.KeyPairJwt =>
                $"Check {connection}: the public key of {_settings.PrivateKeyFile ?? "the private key (private_key_file or private_key_raw)"} must be registered for that user (ALTER USER ... SET RSA_PUBLIC_KEY), and the account name must be right.",

            // Snowflake refuses a valid PAT unless the user is subject to a network policy (or an authentication policy
            // waives that), and says no more than for a wrong token.
            SnowflakeAuthenticators.ProgrammaticAccessToken =>
                $"Check {connection}: its programmatic access token (token, token_file_path or password) may be wrong, expired or revoked. " +
                "By default Snowflake also refuses a PAT unless the user is subject to a network policy that allows this machine's " +
                "address (ALTER USER ... SET NETWORK_POLICY = ...), unless an authentication policy's PAT_POLICY sets " +
                "NETWORK_POLICY_EVALUATION = ENFORCED_NOT_REQUIRED.",
            _ => $"Check {connection}: its {_settings.Authenticator} token (token or token_file_path) is wrong, expired or revoked.",
        };
    }

    private static string BuildUserAgent()
    {
        var version = typeof(SnowflakeClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return $"snowferry/{(plus >= 0 ? version[..plus] : version)}";
    }
}
