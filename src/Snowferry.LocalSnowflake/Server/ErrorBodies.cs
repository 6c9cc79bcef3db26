using System.Globalization;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// The SQL API's non-result bodies: QueryStatus (202, 408, cancel), QueryFailureStatus (422) and the plain
/// <c>{code, message}</c> of refusals before a statement exists (400, 401, 415, 429…). Codes and messages are
/// Snowflake's where SQL_API.md documents them; the rest are marked where they are chosen.
/// </summary>
internal static class ErrorBodies
{
    public const string AsyncInProgressCode = "333334";
    public const string AsyncInProgressMessage =
        "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.";

    public const string CanceledCode = "000604";
    public const string CanceledSqlState = "57014";
    public const string CanceledMessage = "SQL execution canceled";

    public const string NotFoundCode = "000709";
    public const string NotFoundSqlState = "02000";

    public const string InvalidPayloadCode = "390142";
    public const string InvalidPayloadMessage = "Incoming request does not contain a valid payload.";

    public const string TooManyRequestsCode = "390505";
    public const string TooManyRequestsMessage = "Too many requests.";

    /// <summary><c>{"code": …, "message": …}</c>; the code left out when Snowflake's is not known.</summary>
    public static ReadOnlyMemory<byte> Plain(string? code, string message) => JsonBody.Write((code, message), static (json, s) =>
    {
        json.WriteStartObject();
        if (s.code is not null)
        {
            json.WriteString("code", s.code);
        }

        json.WriteString("message", s.message);
        json.WriteEndObject();
    });

    /// <summary>202 QueryStatus: the statement is still running.</summary>
    public static ReadOnlyMemory<byte> InProgress(StatementRun run) =>
        Status(run, AsyncInProgressCode, null, AsyncInProgressMessage);

    /// <summary>200 answer to a cancel request.</summary>
    public static ReadOnlyMemory<byte> CancelAccepted(StatementRun run) =>
        Status(run, CanceledCode, CanceledSqlState, CanceledMessage);

    /// <summary>
    /// 408 QueryStatus: the statement hit the request's <c>timeout</c> and was cancelled. Code and message are Snowflake's
    /// statement-timeout error (000630), which SQL_API.md does not pin down for the SQL API.
    /// </summary>
    public static ReadOnlyMemory<byte> TimedOut(StatementRun run) =>
        Status(run, "000630", CanceledSqlState, string.Create(
            CultureInfo.InvariantCulture,
            $"Statement reached its statement or warehouse timeout of {run.TimeoutSeconds} second(s) and was canceled."));

    /// <summary>422 QueryFailureStatus for a statement that failed (or was cancelled).</summary>
    public static ReadOnlyMemory<byte> Failure(StatementRun run, StatementError error) => JsonBody.Write((run, error), static (json, s) =>
    {
        json.WriteStartObject();
        json.WriteString("code", s.error.Code);
        json.WriteString("message", s.error.Message);
        json.WriteString("sqlState", s.error.SqlState);
        json.WriteString("statementHandle", s.run.Handle);
        json.WriteNumber("createdOn", s.run.CreatedOnMilliseconds);
        json.WriteString("statementStatusUrl", s.run.StatusUrl);
        json.WriteEndObject();
    });

    /// <summary>422 for a handle this server never issued (or has forgotten).</summary>
    public static ReadOnlyMemory<byte> UnknownHandle(string handle) =>
        NotFound(handle, $"Statement {handle} not found");

    /// <summary>
    /// 422 for a partition the result does not have. Snowflake's answer is undocumented: this uses the not-found code of
    /// the statements endpoint (000709, SQLSTATE 02000 "no data"), which clients already treat as final.
    /// </summary>
    public static ReadOnlyMemory<byte> UnknownPartition(string handle, string partition, int partitionCount) =>
        NotFound(handle, string.Create(
            CultureInfo.InvariantCulture,
            $"Partition {partition} of statement {handle} not found: the result has {partitionCount} partition(s), numbered from 0."));

    private static ReadOnlyMemory<byte> NotFound(string handle, string message) => JsonBody.Write((handle, message), static (json, s) =>
    {
        json.WriteStartObject();
        json.WriteString("code", NotFoundCode);
        json.WriteString("message", s.message);
        json.WriteString("sqlState", NotFoundSqlState);
        json.WriteString("statementHandle", s.handle);
        json.WriteEndObject();
    });

    private static ReadOnlyMemory<byte> Status(StatementRun run, string code, string? sqlState, string message) =>
        JsonBody.Write((run, code, sqlState, message), static (json, s) =>
        {
            json.WriteStartObject();
            json.WriteString("code", s.code);
            if (s.sqlState is not null)
            {
                json.WriteString("sqlState", s.sqlState);
            }

            json.WriteString("message", s.message);
            json.WriteString("statementHandle", s.run.Handle);
            json.WriteString("statementStatusUrl", s.run.StatusUrl);
            json.WriteEndObject();
        });

    /// <summary>Writes a fault's body: Snowflake's for 429; for other statuses a message naming the injected fault.</summary>
    public static ReadOnlyMemory<byte> InjectedFault(int status) => status == 429
        ? Plain(TooManyRequestsCode, TooManyRequestsMessage)
        : Plain(null, string.Create(CultureInfo.InvariantCulture, $"HTTP {status} (fault injected by the local Snowflake)."));
}
