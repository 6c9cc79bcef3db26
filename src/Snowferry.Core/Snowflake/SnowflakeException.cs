namespace Snowferry.Snowflake;

/// <summary>
/// An error Snowflake itself reported: a 4xx/5xx answer from the SQL API with its code, SQLSTATE and statement handle.
/// Never carries a credential: the message is Snowflake's own, and request bodies are not echoed.
/// </summary>
public sealed class SnowflakeException : SnowferryException
{
    /// <summary>Creates the exception from what the server answered.</summary>
    public SnowflakeException(
        string message,
        int httpStatus,
        string? code,
        string? sqlState,
        string? statementHandle,
        bool isTransient = false,
        Exception? innerException = null)
        : base(message, innerException, isTransient)
    {
        HttpStatus = httpStatus;
        Code = code;
        SqlState = sqlState;
        StatementHandle = statementHandle;
        Data[nameof(Code)] = code;
        Data[nameof(SqlState)] = sqlState;
        Data[nameof(StatementHandle)] = statementHandle;
    }

    /// <summary>The HTTP status of the answer (422 for a failed statement).</summary>
    public int HttpStatus { get; }

    /// <summary>Snowflake's error code, e.g. <c>000904</c>.</summary>
    public string? Code { get; }

    /// <summary>The SQLSTATE, e.g. <c>42000</c>.</summary>
    public string? SqlState { get; }

    /// <summary>The statement handle (Snowflake's query id), when the statement got that far.</summary>
    public string? StatementHandle { get; }
}
