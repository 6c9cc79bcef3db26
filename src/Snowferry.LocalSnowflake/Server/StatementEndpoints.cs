using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// The three SQL API endpoints: submit (<c>POST /api/v2/statements</c>), status and partitions
/// (<c>GET /api/v2/statements/{handle}</c>), cancel (<c>POST /api/v2/statements/{handle}/cancel</c>).
/// </summary>
internal sealed partial class StatementEndpoints
{
    private readonly LocalSnowflakeServerOptions _options;
    private readonly StatementRegistry _registry;
    private readonly StatementRunner _runner;
    private readonly Func<string, IReadOnlyList<string>> _split;
    private readonly LocalSnowflakeFaults _faults;
    private readonly ILogger _logger;
    private readonly Func<EngineContext, SnowflakeSqlException?> _checkContext;

    public StatementEndpoints(
        LocalSnowflakeServerOptions options,
        StatementRegistry registry,
        StatementRunner runner,
        Func<string, IReadOnlyList<string>> split,
        LocalSnowflakeFaults faults,
        ILogger logger,
        Func<EngineContext, SnowflakeSqlException?>? checkContext = null)
    {
        _checkContext = checkContext ?? (_ => null);
        _options = options;
        _registry = registry;
        _runner = runner;
        _split = split;
        _faults = faults;
        _logger = logger;
    }

    private TimeProvider Time => _options.TimeProvider;

    public async Task SubmitAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is { Length: > 0 } contentType
            && !(MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals(HttpAnswers.Json, StringComparison.OrdinalIgnoreCase)))
        {
            await HttpAnswers.WriteAsync(
                context, StatusCodes.Status415UnsupportedMediaType, ErrorBodies.Plain(null, "Unsupported Content-Type: the body must be application/json.")).ConfigureAwait(false);
            return;
        }

        SubmitRequest? body;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, default, context.RequestAborted).ConfigureAwait(false);
            body = SubmitRequest.TryParse(json.RootElement, out _);
        }
        catch (JsonException)
        {
            body = null;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await HttpAnswers.WriteAsync(
                context, StatusCodes.Status413PayloadTooLarge, ErrorBodies.Plain(null, "The request body is too large.")).ConfigureAwait(false);
            return;
        }

        if (body is null)
        {
            await HttpAnswers.WriteAsync(
                context, StatusCodes.Status400BadRequest, ErrorBodies.Plain(ErrorBodies.InvalidPayloadCode, ErrorBodies.InvalidPayloadMessage)).ConfigureAwait(false);
            return;
        }

        var query = request.Query;
        var requestId = query["requestId"].ToString() is { Length: > 0 } id ? id : null;
        var retry = IsTrue(query["retry"]);
        var (run, isRetry) = _registry.Submit(
            requestId, retry, () => new StatementRun(StatementRunner.NewHandle(), requestId, Time.GetUtcNow(), body.Timeout, Time));
        if (!isRetry)
        {
            Start(run, body, nullsAsText: IsFalse(query["nullable"]));
        }

        if (!await HoldAnswerAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (IsTrue(query["async"]))
        {
            // Always 202, as Snowflake: even a statement that already finished (or failed) is reported by the poll.
            await HttpAnswers.WriteAsync(context, StatusCodes.Status202Accepted, ErrorBodies.InProgress(run)).ConfigureAwait(false);
            return;
        }

        try
        {
            await run.Completion.WaitAsync(_options.SyncWait, Time, context.RequestAborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still running after the sync wait: 202, and the client polls statementStatusUrl.
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up; the statement runs on, as in Snowflake, and a retry=true finds it.
            return;
        }

        await WriteOutcomeAsync(context, run).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the context names, then the statement text against MULTI_STATEMENT_COUNT and bindings, then starts it (or
    /// fails it at once).
    /// </summary>
    private void Start(StatementRun run, SubmitRequest body, bool nullsAsText)
    {
        var context = new EngineContext
        {
            Database = body.Database,
            Schema = body.Schema,
            Warehouse = body.Warehouse,
            Role = body.Role,
            Bindings = body.Bindings,
        };
        if (_checkContext(context) is { } refused)
        {
            ServerLog.StatementFailed(_logger, run.Handle, refused.Code, refused.SqlState);
            run.Fail(new StatementError(refused.Code, refused.SqlState, refused.Message), Time.GetUtcNow());
            return;
        }

        var statements = _split(body.Statement).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        var now = Time.GetUtcNow();
        var count = body.MultiStatementCount;
        if (statements.Count == 0)
        {
            run.Fail(new StatementError("000900", "42000", "SQL compilation error:\nEmpty SQL statement."), now);
            return;
        }

        if (count != 0 && count != statements.Count)
        {
            run.Fail(
                new StatementError(
                    "000008",
                    "0A000",
                    string.Create(CultureInfo.InvariantCulture, $"Actual statement count {statements.Count} did not match the desired statement count {count}.")),
                now);
            return;
        }

        // MULTI_STATEMENT_COUNT other than 1 asks for a multi-statement request, even when the text holds one statement.
        var isMulti = count != 1;
        if (isMulti && body.Bindings is { Count: > 0 })
        {
            // Documented as unsupported; Snowflake's code for it is not, so 0A000 "feature not supported" it is.
            run.Fail(new StatementError("000002", "0A000", "Bind variables are not supported in multi-statement requests."), now);
            return;
        }

        _runner.Start(run, new StatementPlan(statements, isMulti, context, nullsAsText)
        {
            Text = body.Statement,
            UseCachedResult = body.UseCachedResult,
            ResultParameters = body.ResultParameters,
        });
    }

    public async Task GetAsync(HttpContext context)
    {
        var handle = (string)context.Request.RouteValues["handle"]!;
        var run = _registry.Find(handle);
        if (run is null)
        {
            await HttpAnswers.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ErrorBodies.UnknownHandle(handle)).ConfigureAwait(false);
            return;
        }

        var partitionText = context.Request.Query["partition"].ToString();
        var (state, result, _) = run.Snapshot();
        if (StatementRun.IsInProgress(state) && partitionText is "" or "0" && _faults.TakeStatusPollThrottle(out var retryAfter))
        {
            await WriteThrottledAsync(context, run, retryAfter).ConfigureAwait(false);
            return;
        }

        if (state != StatementState.Succeeded || result is null)
        {
            await WriteOutcomeAsync(context, run).ConfigureAwait(false);
            return;
        }

        var partition = 0;
        if (partitionText.Length > 0
            && (!int.TryParse(partitionText, NumberStyles.None, CultureInfo.InvariantCulture, out partition) || partition >= result.Partitions.Count))
        {
            await HttpAnswers.WriteAsync(
                context, StatusCodes.Status422UnprocessableEntity, ErrorBodies.UnknownPartition(run.Handle, partitionText, result.Partitions.Count)).ConfigureAwait(false);
            return;
        }

        if (partition == 0)
        {
            await WriteOutcomeAsync(context, run).ConfigureAwait(false);
            return;
        }

        await ServePartitionAsync(context, run, result, partition).ConfigureAwait(false);
    }

    public async Task CancelAsync(HttpContext context)
    {
        var handle = (string)context.Request.RouteValues["handle"]!;
        var run = _registry.Find(handle);
        if (run is null)
        {
            await HttpAnswers.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ErrorBodies.UnknownHandle(handle)).ConfigureAwait(false);
            return;
        }

        // A finished statement stays as it was: cancelling it is harmless, and the answer is the same 200.
        if (run.Cancel(Time.GetUtcNow()))
        {
            _faults.OnCancelledByClient(run.Handle);
        }

        await HttpAnswers.WriteAsync(context, StatusCodes.Status200OK, ErrorBodies.CancelAccepted(run)).ConfigureAwait(false);
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) =>
        string.Equals(value.ToString(), "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(Microsoft.Extensions.Primitives.StringValues value) =>
        string.Equals(value.ToString(), "false", StringComparison.OrdinalIgnoreCase);
}
