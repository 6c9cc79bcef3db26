using System.Globalization;

namespace Snowferry.Snowflake.Client;

/// <summary>Per-statement settings; database, schema, warehouse and role default to the connection's.</summary>
public sealed record SnowflakeStatementOptions
{
    /// <summary>The longest statement timeout Snowflake accepts: 7 days (604,800 s).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(604_800);

    /// <summary>
    /// Server-side timeout, sent in whole seconds (rounded up): Snowflake cancels the statement when it runs longer and
    /// answers 408. From 1 second to <see cref="MaxTimeout"/>; zero is refused rather than sent, because Snowflake reads
    /// <c>timeout: 0</c> as the 7-day maximum, not as "none". <see cref="SnowflakeClientOptions.StatementTimeout"/> when null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero, negative, or longer than <see cref="MaxTimeout"/>.</exception>
    public TimeSpan? Timeout
    {
        get;
        init => field = CheckTimeout(value, nameof(Timeout));
    }

    /// <summary>Database for unqualified names; <see cref="SnowflakeConnectionSettings.Database"/> when null.</summary>
    public string? Database { get; init; }

    /// <summary>Schema for unqualified names; <see cref="SnowflakeConnectionSettings.Schema"/> when null.</summary>
    public string? Schema { get; init; }

    /// <summary>Warehouse; <see cref="SnowflakeConnectionSettings.Warehouse"/> when null.</summary>
    public string? Warehouse { get; init; }

    /// <summary>Role; <see cref="SnowflakeConnectionSettings.Role"/> when null.</summary>
    public string? Role { get; init; }

    /// <summary>Values for the statement's <c>?</c> placeholders, in order. Not allowed with several statements.</summary>
    public IReadOnlyList<SnowflakeBinding>? Bindings { get; init; }

    /// <summary>
    /// Session parameters for this statement, sent as given (e.g. <c>TIMEZONE</c>, or <c>USE_CACHED_RESULT</c> =
    /// <c>FALSE</c> to have Snowflake run the statement rather than answer it from a persisted result); see the SQL API's
    /// list. None by default, so the account's settings apply (Snowflake reuses results unless told otherwise).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>Sets the <c>QUERY_TAG</c> parameter, visible in Snowflake's query history.</summary>
    public string? QueryTag { get; init; }

    /// <summary>Number of <c>;</c>-separated statements (sets <c>MULTI_STATEMENT_COUNT</c>; 0 = any).</summary>
    public int? MultiStatementCount { get; init; }

    /// <summary>
    /// Called with the statement's handle as soon as Snowflake has accepted it (the submit's answer), before the client
    /// waits for it to finish: what a caller records to cancel the statement later with
    /// <see cref="SnowflakeClient.CancelAsync"/>, even from another process after this one died. Called once per
    /// <see cref="SnowflakeClient.ExecuteAsync"/>, synchronously on the submitting call's flow, also when the submit's
    /// answer already holds the result; not called when the submit failed or was cancelled before a handle came back.
    /// If it throws, the statement is cancelled on the server and <see cref="SnowflakeClient.ExecuteAsync"/> throws that
    /// exception: a handle that could not be recorded must not leave the statement running.
    /// </summary>
    public Action<string>? OnAccepted { get; init; }

    /// <summary>
    /// <paramref name="timeout"/> when Snowflake can take it as a statement timeout (1 s to 7 days once rounded up to whole
    /// seconds); otherwise an error that says why and what to give instead.
    /// </summary>
    internal static TimeSpan? CheckTimeout(TimeSpan? timeout, string paramName)
    {
        if (timeout is not { } value)
        {
            return null;
        }

        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                "A statement timeout must be positive (1 second to 7 days). Snowflake would read 0 as its 7-day maximum, so zero is refused: give the limit you mean, e.g. 6 hours.");
        }

        if (Math.Ceiling(value.TotalSeconds) > MaxTimeout.TotalSeconds)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"A statement timeout can be at most 7 days (604800 s), Snowflake's limit; got {value.TotalSeconds:0.###} s."));
        }

        return value;
    }
}
