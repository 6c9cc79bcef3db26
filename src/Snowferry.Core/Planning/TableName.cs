using Snowferry.Planning.Sql;

namespace Snowferry.Planning;

/// <summary>
/// A table named as <c>TABLE</c>, <c>SCHEMA.TABLE</c> or <c>DATABASE.SCHEMA.TABLE</c>, each part an exact Snowflake
/// identifier. <see cref="Resolve(SqlIdentifier, SqlIdentifier)"/> fills the missing parts from the connection's defaults, so the plan always names
/// the table fully and never depends on the session's current database.
/// </summary>
internal sealed record TableName
{
    /// <summary>Creates the name from already-exact parts.</summary>
    public TableName(SqlIdentifier? database, SqlIdentifier? schema, SqlIdentifier name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (database is not null && schema is null)
        {
            throw new ArgumentException("A database needs a schema.", nameof(schema));
        }

        Database = database;
        Schema = schema;
        Name = name;
    }

    /// <summary>The database, or null when not given.</summary>
    public SqlIdentifier? Database { get; }

    /// <summary>The schema, or null when not given.</summary>
    public SqlIdentifier? Schema { get; }

    /// <summary>The table itself.</summary>
    public SqlIdentifier Name { get; }

    /// <summary>True when database and schema are both known.</summary>
    public bool IsFullyQualified => Database is not null && Schema is not null;

    /// <summary>Parses a table name with Snowflake's identifier rules (unquoted parts fold to upper case).</summary>
    /// <exception cref="InvalidIdentifierException">Not one to three valid identifiers separated by dots.</exception>
    public static TableName Parse(string text)
    {
        var parts = IdentifierParser.Parse(text, 3, "table name");
        return parts.Count switch
        {
            1 => new TableName(null, null, parts[0]),
            2 => new TableName(null, parts[0], parts[1]),
            _ => new TableName(parts[0], parts[1], parts[2]),
        };
    }

    /// <summary>
    /// The fully qualified name: missing parts come from <paramref name="defaultDatabase"/> and
    /// <paramref name="defaultSchema"/> (as written in connections.toml, read with the same identifier rules).
    /// </summary>
    /// <exception cref="PlanException">A part is missing and has no default, or a default is not a valid name.</exception>
    public TableName Resolve(string? defaultDatabase, string? defaultSchema)
    {
        if (IsFullyQualified)
        {
            return this;
        }

        var schema = Schema ?? Default(defaultSchema, "schema");
        var database = Database ?? Default(defaultDatabase, "database");
        return new TableName(database, schema, Name);
    }

    /// <summary>The fully qualified name, missing parts taken from exact names (e.g. Snowflake's CURRENT_DATABASE()).</summary>
    public TableName Resolve(SqlIdentifier defaultDatabase, SqlIdentifier defaultSchema)
    {
        ArgumentNullException.ThrowIfNull(defaultDatabase);
        ArgumentNullException.ThrowIfNull(defaultSchema);
        return IsFullyQualified ? this : new TableName(Database ?? defaultDatabase, Schema ?? defaultSchema, Name);
    }

    /// <summary>The table as a SQL tree node: every part quoted.</summary>
    public SqlTableRef ToSqlTable() =>
        new([.. new[] { Database, Schema }.OfType<SqlIdentifier>(), Name]);

    /// <summary>The name as a user would type it, e.g. <c>SNOWFERRY.PUBLIC.ORDERS_100K</c> or <c>PUBLIC."My Table"</c>.</summary>
    public override string ToString() => string.Join('.', new[] { Database, Schema, Name }.OfType<SqlIdentifier>());

    internal PlanException MissingDefault(string part) => new(
        PlanErrorCode.MissingDefaultContext,
        $"Table {this} names no {part} and the connection gives no default {part}: write DATABASE.SCHEMA.TABLE, " +
        $"or set '{part}' for the connection in connections.toml.");

    private SqlIdentifier Default(string? value, string part)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw MissingDefault(part);
        }

        try
        {
            return IdentifierParser.Parse(value, 1, $"default {part} of the connection")[0];
        }
        catch (InvalidIdentifierException ex)
        {
            throw new PlanException(PlanErrorCode.InvalidIdentifier, ex.Message + " Fix it in connections.toml.", innerException: ex);
        }
    }
}
