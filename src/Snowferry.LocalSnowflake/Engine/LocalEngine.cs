namespace Snowferry.LocalSnowflake.Engine;

/// <summary>
/// Runs Snowflake SQL on an embedded DuckDB: parses the Snowflake dialect (a subset), refuses what it does not
/// implement with a <see cref="SnowflakeSqlException"/>, and translates the rest to DuckDB SQL with Snowflake's meaning.
/// Thread-safe: statements may run concurrently.
/// </summary>
public sealed class LocalEngine : IDisposable
{
    public LocalEngine(LocalEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        throw new NotImplementedException();
    }

    public LocalEngineOptions Options { get; }

    /// <summary>Splits a multi-statement text at top-level semicolons (not inside strings, identifiers or comments).</summary>
    public static IReadOnlyList<string> SplitStatements(string text) => throw new NotImplementedException();

    /// <summary>Runs one statement. The result's rows are streamed (read them once, then dispose the result).</summary>
    public EngineResult Execute(string statement, EngineContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Trusted set-up path: creates a table with Snowflake column types, bypassing the SQL front end.</summary>
    public void CreateTable(string schema, string table, IReadOnlyList<EngineColumnDefinition> columns, bool orReplace) =>
        throw new NotImplementedException();

    /// <summary>Trusted set-up path: runs DuckDB SQL as is (sample data generation). Never reachable over HTTP.</summary>
    public void ExecuteNative(string duckDbSql, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>The DuckDB name of a table created with <see cref="CreateTable"/>, quoted, for <see cref="ExecuteNative"/>.</summary>
    public string NativeTableName(string schema, string table) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}

public sealed record LocalEngineOptions
{
    /// <summary>DuckDB database file; null keeps everything in memory.</summary>
    public string? DataFile { get; init; }

    /// <summary>The one database this engine serves (three-part names must name it).</summary>
    public string DatabaseName { get; init; } = "SNOWFERRY";

    /// <summary>Session time zone for TIMESTAMP_LTZ and the 2-argument CONVERT_TIMEZONE (Snowflake's default).</summary>
    public string TimeZone { get; init; } = "America/Los_Angeles";
}

/// <summary>Where and how a statement runs.</summary>
public sealed record EngineContext
{
    public string? Database { get; init; }

    public string? Schema { get; init; }

    /// <summary>Positional bindings for <c>?</c> placeholders (1-based in the API, index 0 here = "1").</summary>
    public IReadOnlyList<EngineBinding>? Bindings { get; init; }
}

/// <summary>A binding as the SQL API sends it: a Snowflake type name and the value as text.</summary>
public sealed record EngineBinding(string Type, string? Value);

/// <summary>A column definition for <see cref="LocalEngine.CreateTable"/>, e.g. ("O_TOTALPRICE", "NUMBER(12,2)").</summary>
public sealed record EngineColumnDefinition(string Name, string SnowflakeType, bool Nullable = true);

/// <summary>One result column, with the SQL API's rowType fields.</summary>
public sealed record EngineColumn
{
    public required string Name { get; init; }

    /// <summary>Lower-case wire type: fixed, real, text, date, time, timestamp_ntz, timestamp_ltz, timestamp_tz, boolean, binary, variant, object, array.</summary>
    public required string Type { get; init; }

    public int? Precision { get; init; }

    public int? Scale { get; init; }

    public long? Length { get; init; }

    public long? ByteLength { get; init; }

    public bool Nullable { get; init; } = true;

    public string Database { get; init; } = "";

    public string Schema { get; init; } = "";

    public string Table { get; init; } = "";
}

/// <summary>The outcome of one statement: columns, then rows as Snowflake wire text (null = SQL NULL).</summary>
public sealed class EngineResult : IDisposable
{
    public EngineResult(IReadOnlyList<EngineColumn> columns, IEnumerable<string?[]> rows, IDisposable? owner = null)
    {
        Columns = columns;
        Rows = rows;
        _owner = owner;
    }

    private readonly IDisposable? _owner;

    public IReadOnlyList<EngineColumn> Columns { get; }

    /// <summary>Streamed, one pass: each cell already encoded as Snowflake encodes its type in <c>data</c>.</summary>
    public IEnumerable<string?[]> Rows { get; }

    /// <summary>DML counts (<c>stats</c> in the response), null for queries.</summary>
    public long? RowsInserted { get; init; }

    public long? RowsUpdated { get; init; }

    public long? RowsDeleted { get; init; }

    public void Dispose() => _owner?.Dispose();
}

/// <summary>A statement Snowflake would reject (or that this engine does not implement): becomes a 422.</summary>
public sealed class SnowflakeSqlException : Exception
{
    public SnowflakeSqlException(string code, string sqlState, string message)
        : base(message)
    {
        Code = code;
        SqlState = sqlState;
    }

    public SnowflakeSqlException()
    {
        Code = "000603";
        SqlState = "XX000";
    }

    public SnowflakeSqlException(string message)
        : this("000603", "XX000", message)
    {
    }

    public SnowflakeSqlException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "000603";
        SqlState = "XX000";
    }

    /// <summary>Snowflake error code, e.g. 000904 (invalid identifier), 001003 (syntax error), 002003 (no such object).</summary>
    public string Code { get; }

    /// <summary>SQLSTATE, e.g. 42000, 42S02, 0A000.</summary>
    public string SqlState { get; }
}
