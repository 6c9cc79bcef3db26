using Microsoft.AspNetCore.Http;

namespace Snowferry.LocalSnowflake.Server;

internal sealed partial class StatementEndpoints
{
    /// <summary>Expired results: code 000710 as SQL_API.md §7 infers it; the SQLSTATE is chosen ("no data").</summary>
    private static readonly StatementError s_expired = new("000710", "02000", "Result for the statement has expired; run it again.");

    private static readonly StatementError s_canceled = new(ErrorBodies.CanceledCode, ErrorBodies.CanceledSqlState, ErrorBodies.CanceledMessage);

    /// <summary>The answer for a statement as it stands: 202 queued or running, 200 result set, 422 failed or cancelled, 408 timed out.</summary>
    private static Task WriteOutcomeAsync(HttpContext context, StatementRun run)
    {
        var (state, result, error) = run.Snapshot();
        return state switch
        {
            StatementState.Queued or StatementState.Running => HttpAnswers.WriteAsync(context, StatusCodes.Status202Accepted, ErrorBodies.InProgress(run)),
            StatementState.Succeeded => HttpAnswers.WriteAsync(
                context,
                StatusCodes.Status200OK,
                ResultSetBody.Write(run, result!),
                StatementUrls.Links(run.Handle, run.RequestId, 0, result!.Partitions.Count)),
            StatementState.Failed => HttpAnswers.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ErrorBodies.Failure(run, error!)),
            StatementState.Canceled => HttpAnswers.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ErrorBodies.Failure(run, s_canceled)),
            StatementState.TimedOut => HttpAnswers.WriteAsync(context, StatusCodes.Status408RequestTimeout, ErrorBodies.TimedOut(run)),
            _ => HttpAnswers.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ErrorBodies.Failure(run, s_expired)),
        };
    }

    /// <summary>
    /// 429 with the QueryStatus of a running statement (code 333334, handle, status URL) and, when armed, <c>Retry-After</c>
    /// in seconds: how Snowflake answers a status poll while a busy warehouse queues the statement (SQL_API.md §5).
    /// </summary>
    private async Task WriteThrottledAsync(HttpContext context, StatementRun run, long? retryAfterSeconds)
    {
        ServerLog.FaultInjected(_logger, StatusCodes.Status429TooManyRequests, context.Request.Method, context.Request.Path.Value ?? "");
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await HttpAnswers.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorBodies.InProgress(run)).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="LocalSnowflakeFaults.SubmitAnswerDelay"/>: holds a submit's answer after its statement started. False
    /// when the client hung up meanwhile (the statement runs on, as in Snowflake).
    /// </summary>
    private async Task<bool> HoldAnswerAsync(HttpContext context)
    {
        var hold = _faults.SubmitAnswerDelay;
        if (hold <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(hold, Time, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Partition n ≥ 1: the stored gzip file as is, <c>Content-Encoding: gzip</c> (Snowflake always compresses these),
    /// <c>{"data": […]}</c> inside. With a drop fault armed, the headers and half the body go out, then the connection is cut.
    /// </summary>
    private async Task ServePartitionAsync(HttpContext context, StatementRun run, StoredResult result, int partition)
    {
        FileStream file;
        try
        {
            file = new FileStream(result.Partitions[partition].File!, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Expired (or the server is shutting down) between the state check and the open.
            await HttpAnswers.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ErrorBodies.Failure(run, s_expired)).ConfigureAwait(false);
            return;
        }

        await using (file.ConfigureAwait(false))
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = HttpAnswers.Json;
            response.Headers.ContentEncoding = "gzip";
            response.ContentLength = file.Length;
            response.Headers.Link = StatementUrls.Links(run.Handle, run.RequestId, partition, result.Partitions.Count);
            if (_faults.TakePartitionDrop())
            {
                var half = new byte[Math.Max(file.Length / 2, 1)];
                var read = await file.ReadAsync(half, context.RequestAborted).ConfigureAwait(false);
                await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
                await response.Body.WriteAsync(half.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                ServerLog.PartitionDropped(_logger, partition, run.Handle, read);
                // A moment for the bytes to reach the client: a reset arriving first can make the kernel discard them,
                // and the point is a client that has the headers and part of the body when the connection dies.
                await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            }

            await file.CopyToAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
