namespace Snowferry.Service.Allowlists;

/// <summary>
/// One of a client's allowed tables: <c>DB.SCHEMA.TABLE</c>, <c>SCHEMA.TABLE</c> or <c>TABLE</c>, each part folded by
/// Snowflake's rules (unquoted to upper case, quoted exact), <c>*</c> in an unquoted part matching any run of characters
/// within that part only. A shorter pattern is completed with the connection's database and schema when it is read,
/// so it means one thing for the life of the service.
/// </summary>
public sealed class TablePattern
{
    private readonly PatternPart _database;
    private readonly PatternPart _schema;
    private readonly PatternPart _name;

    private TablePattern(string text, PatternPart database, PatternPart schema, PatternPart name)
    {
        Text = text;
        _database = database;
        _schema = schema;
        _name = name;
    }

    /// <summary>The pattern as configured (for <c>GET /v1/me</c>).</summary>
    public string Text { get; }

    /// <summary>The pattern completed and folded, e.g. <c>SNOWFERRY.PUBLIC.ORDERS_*</c> for <c>orders_*</c>.</summary>
    public string Completed => $"{_database}.{_schema}.{_name}";

    /// <summary>Reads a pattern and completes it with the connection's database and schema.</summary>
    /// <param name="pattern">The configured pattern.</param>
    /// <param name="defaultDatabase">The connection's database, exact (as <c>CURRENT_DATABASE()</c> returns it); null when none.</param>
    /// <param name="defaultSchema">The connection's schema, exact (as <c>CURRENT_SCHEMA()</c> returns it); null when none.</param>
    /// <exception cref="AllowlistException">Malformed, or shorter than three parts where the connection gives no default.</exception>
    public static TablePattern Parse(string pattern, string? defaultDatabase, string? defaultSchema)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parts = NameReader.Read(pattern, pattern: true);
        var name = PatternPart.From(parts[^1]);
        var schema = parts.Count >= 2 ? PatternPart.From(parts[^2]) : Default(defaultSchema, "schema", pattern);
        var database = parts.Count == 3 ? PatternPart.From(parts[0]) : Default(defaultDatabase, "database", pattern);
        return new TablePattern(pattern, database, schema, name);
    }

    /// <summary>True when every part of <paramref name="table"/> matches the pattern's part in the same place.</summary>
    public bool Matches(QualifiedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return _name.Matches(table.Name) && _schema.Matches(table.Schema) && _database.Matches(table.Database);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static PatternPart Default(string? value, string part, string pattern)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new AllowlistException(
                $"The table pattern '{NameReader.Printable(pattern)}' names no {part} and the service's connection has no default {part}: " +
                $"write the {part} into the pattern (DATABASE.SCHEMA.TABLE), or set '{part}' for the connection in connections.toml.");
        }

        return NameReader.Problem(value) is { } problem
            ? throw new AllowlistException($"The connection's default {part} '{NameReader.Printable(value)}' cannot be a Snowflake name: {problem}.")
            : PatternPart.Exact(value);
    }
}
