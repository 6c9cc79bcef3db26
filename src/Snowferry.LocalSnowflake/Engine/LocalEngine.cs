using DuckDB.NET.Data;
using Snowferry.LocalSnowflake.Engine.Sql;
using Snowferry.LocalSnowflake.Engine.Storage;
using Snowferry.LocalSnowflake.Engine.Translation;

namespace Snowferry.LocalSnowflake.Engine;

/// <summary>
/// Runs Snowflake SQL on an embedded DuckDB: parses the Snowflake dialect (a subset), refuses what it does not
/// implement with a <see cref="SnowflakeSqlException"/>, and translates the rest to DuckDB SQL with Snowflake's meaning.
/// Thread-safe: statements may run concurrently (each on its own DuckDB connection to the shared database).
/// </summary>
public sealed partial class LocalEngine : IDisposable
{
    private readonly DuckDBConnection _root;
    private readonly Catalog _catalog;
    private int _disposed;

    public LocalEngine(LocalEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _root = new DuckDBConnection(options.DataFile is null ? "DataSource=:memory:" : "DataSource=" + options.DataFile);
        try
        {
            _root.Open();
            // DuckDB runs in UTC; the session zone is applied by the translator, where Snowflake applies it.
            Native.Run(_root, "SET GLOBAL TimeZone = 'UTC'");
            _catalog = Catalog.Load(_root);
        }
        catch
        {
            _root.Dispose();
            throw;
        }
    }

    public LocalEngineOptions Options { get; }

    /// <summary>Splits a multi-statement text at top-level semicolons (not inside strings, identifiers or comments).</summary>
    public static IReadOnlyList<string> SplitStatements(string text) => StatementSplitter.Split(text);

    /// <summary>Runs one statement. The result's rows are streamed (read them once, then dispose the result).</summary>
    public EngineResult Execute(string statement, EngineContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var parsed = Parser.ParseStatement(statement, out _);
        var connection = OpenConnection();
        try
        {
            var translator = new Translator(Options, _catalog, context, statement, connection) { Cancellation = cancellationToken };
            var plan = translator.Translate(parsed);
            if (plan is DonePlan done)
            {
                connection.Dispose();
                return done.Result;
            }

            var query = (QueryPlan)plan;
            return QueryResult.Start(connection, query, cancellationToken);
        }
        catch (DuckDBException error)
        {
            connection.Dispose();
            throw ErrorMapper.Map(error, cancellationToken);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Trusted set-up path: creates a table with Snowflake column types, bypassing the SQL front end.</summary>
    public void CreateTable(string schema, string table, IReadOnlyList<EngineColumnDefinition> columns, bool orReplace)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var definitions = columns.Select(c => (c.Name, Parser.ParseTypeName(c.SnowflakeType), c.Nullable)).ToList();
        using var connection = OpenConnection();
        _catalog.Create(connection, schema, table, definitions, orReplace, ifNotExists: false, populate: null, out _);
    }

    /// <summary>Trusted set-up path: runs DuckDB SQL as is (sample data generation). Never reachable over HTTP.</summary>
    public void ExecuteNative(string duckDbSql, CancellationToken cancellationToken)
    {
        using var connection = OpenConnection();
        try
        {
            Native.Run(connection, duckDbSql, cancellationToken);
        }
        catch (DuckDBException error)
        {
            throw ErrorMapper.Map(error, cancellationToken);
        }
        finally
        {
            // Native SQL may write any table: every stored result is stale.
            _catalog.MarkAllChanged();
        }
    }

    /// <summary>The DuckDB name of a table created with <see cref="CreateTable"/>, quoted, for <see cref="ExecuteNative"/>.</summary>
    public string NativeTableName(string schema, string table) =>
        "\"" + (_catalog.Find(schema, table) ?? throw SqlErrors.ObjectDoesNotExist(schema + "." + table)).Physical + "\"";

    /// <summary>The DuckDB name of a column of a table created with <see cref="CreateTable"/>, quoted.</summary>
    public string NativeColumnName(string schema, string table, string column)
    {
        var found = _catalog.Find(schema, table) ?? throw SqlErrors.ObjectDoesNotExist(schema + "." + table);
        var match = found.Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.Ordinal))
            ?? throw SqlErrors.InvalidIdentifier(1, 0, column);
        return "\"" + match.Physical + "\"";
    }

    /// <summary>
    /// Why a request's context cannot be used, as Snowflake refuses it (390201 / 08004, the connectors' wording); null
    /// when every name given is an object of this engine in exactly that case. Names are compared as stored: the SQL
    /// API does not fold them, so <c>public</c> is not <c>PUBLIC</c>. A schema exists once a table is in it; PUBLIC and
    /// INFORMATION_SCHEMA always do.
    /// </summary>
    public SnowflakeSqlException? CheckContext(EngineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Database is { } database && !string.Equals(database, Options.DatabaseName, StringComparison.Ordinal))
        {
            return SqlErrors.ContextObjectMissing("database");
        }

        if (context.Schema is { } schema && !SchemaExists(schema))
        {
            return SqlErrors.ContextObjectMissing("schema");
        }

        if (context.Warehouse is { } warehouse && !Options.Warehouses.Contains(warehouse, StringComparer.Ordinal))
        {
            return SqlErrors.ContextObjectMissing("warehouse");
        }

        return context.Role is { } role && !Options.Roles.Contains(role, StringComparer.Ordinal) ? SqlErrors.ContextObjectMissing("role") : null;
    }

    private bool SchemaExists(string schema) =>
        schema is "PUBLIC" or "INFORMATION_SCHEMA" || _catalog.All().Any(t => string.Equals(t.Schema, schema, StringComparison.Ordinal));

    /// <summary>True when the table exists in the catalog.</summary>
    public bool TableExists(string schema, string table) => _catalog.Find(schema, table) is not null;

    private DuckDBConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // In memory, a duplicate shares the database; a file database is shared by DuckDB.NET per path.
        var connection = Options.DataFile is null ? _root.Duplicate() : new DuckDBConnection(_root.ConnectionString);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            connection.Open();
        }

        return connection;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _root.Dispose();
        }
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

    /// <summary>
    /// The storage integrations <c>COPY INTO 's3://…' … STORAGE_INTEGRATION = name</c> may name, by name as Snowflake
    /// resolves it (unquoted names upper case). Each says where that name's S3 is and how to sign for it, as the IAM role
    /// behind a real integration would. Empty: every unload is refused with "integration does not exist".
    /// </summary>
    public IReadOnlyDictionary<string, LocalStorageIntegration> StorageIntegrations { get; init; } =
        new Dictionary<string, LocalStorageIntegration>(StringComparer.Ordinal);

    /// <summary>Where unloads stage their files before uploading them; the system temp folder when null.</summary>
    public string? UnloadTempDirectory { get; init; }

    /// <summary>The warehouses a request's <c>warehouse</c> may name, exactly as SHOW WAREHOUSES would list them.</summary>
    public IReadOnlyList<string> Warehouses { get; init; } = [DefaultWarehouse];

    /// <summary>The roles a request's <c>role</c> may name (and the owner of every table), exactly as SHOW ROLES would list them.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [DefaultRole];

    public const string DefaultWarehouse = "LOCAL_WH";

    public const string DefaultRole = "LOCAL_ROLE";
}

/// <summary>
/// A storage integration of the local Snowflake: an S3-compatible endpoint and the credentials the engine signs with.
/// The credentials stay in the engine's configuration, never in SQL, as with a real integration's IAM role.
/// </summary>
public sealed record LocalStorageIntegration
{
    /// <summary>The S3 endpoint (path-style addressing), e.g. the local S3 server's URL.</summary>
    public required Uri ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    public required string AccessKeyId { get; init; }

    public required string SecretAccessKey { get; init; }

    /// <summary>STORAGE_ALLOWED_LOCATIONS: URL prefixes this integration may write to; any when empty.</summary>
    public IReadOnlyList<string> AllowedLocations { get; init; } = [];

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"LocalStorageIntegration {{ ServiceUrl = {ServiceUrl}, Region = {Region} }}";
}

/// <summary>Where and how a statement runs.</summary>
public sealed record EngineContext
{
    public string? Database { get; init; }

    public string? Schema { get; init; }

    /// <summary>The request's warehouse; only checked (<see cref="LocalEngine.CheckContext"/>), the engine has one.</summary>
    public string? Warehouse { get; init; }

    /// <summary>The request's role; only checked (<see cref="LocalEngine.CheckContext"/>), the engine grants everything.</summary>
    public string? Role { get; init; }

    /// <summary>The statement's query id (the SQL API's statement handle), used where Snowflake names files after it.</summary>
    public string? QueryId { get; init; }

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

    public SnowflakeSqlException(string code, string sqlState, string message, Exception innerException)
        : base(message, innerException)
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
