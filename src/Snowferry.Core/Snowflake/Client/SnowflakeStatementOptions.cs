namespace Snowferry.Snowflake;

/// <summary>Per-statement settings; database, schema, warehouse and role default to the connection's.</summary>
public sealed record SnowflakeStatementOptions
{
    /// <summary>Server-side timeout (whole seconds are sent); the account's STATEMENT_TIMEOUT_IN_SECONDS when null.</summary>
    public TimeSpan? Timeout { get; init; }

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

    /// <summary>Session parameters for this statement (e.g. <c>TIMEZONE</c>); see the SQL API's list.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>Sets the <c>QUERY_TAG</c> parameter, visible in Snowflake's query history.</summary>
    public string? QueryTag { get; init; }

    /// <summary>Number of <c>;</c>-separated statements (sets <c>MULTI_STATEMENT_COUNT</c>; 0 = any).</summary>
    public int? MultiStatementCount { get; init; }

    /// <summary>Submit with <c>async=true</c>: the server answers at once with a handle, then the client polls.</summary>
    public bool Async { get; init; }
}
