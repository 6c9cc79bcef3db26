namespace Snowferry.Service.Allowlists;

/// <summary>
/// A table named in full, each part exactly as Snowflake stores it (<c>ORDERS_100K</c>, or <c>My Table</c> for a quoted
/// <c>"My Table"</c>). A request's name is completed with the connection's database and schema when it is read, so what
/// the allowlist checks is what the planner is given (<see cref="ToSql"/>): nothing the session could resolve differently.
/// </summary>
public sealed record QualifiedTable
{
    /// <summary>Creates the name from exact parts (no folding).</summary>
    /// <exception cref="AllowlistException">A part is empty, longer than 255 characters, or holds a control character or an unpaired surrogate.</exception>
    public QualifiedTable(string database, string schema, string name)
    {
        Database = Exact(database, nameof(database));
        Schema = Exact(schema, nameof(schema));
        Name = Exact(name, nameof(name));
    }

    /// <summary>The database, exact.</summary>
    public string Database { get; }

    /// <summary>The schema, exact.</summary>
    public string Schema { get; }

    /// <summary>The table, exact.</summary>
    public string Name { get; }

    /// <summary>
    /// Reads <c>TABLE</c>, <c>SCHEMA.TABLE</c> or <c>DATABASE.SCHEMA.TABLE</c> by Snowflake's identifier rules and fills the
    /// missing parts from the connection's database and schema.
    /// </summary>
    /// <param name="requested">The name as the client wrote it.</param>
    /// <param name="defaultDatabase">The connection's database, exact (as <c>CURRENT_DATABASE()</c> returns it); null when it has none.</param>
    /// <param name="defaultSchema">The connection's schema, exact (as <c>CURRENT_SCHEMA()</c> returns it); null when it has none.</param>
    /// <exception cref="AllowlistException">Malformed, or a missing part has no default.</exception>
    public static QualifiedTable Parse(string requested, string? defaultDatabase, string? defaultSchema)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var parts = NameReader.Read(requested, pattern: false);
        var name = parts[^1].Text;
        var schema = parts.Count >= 2 ? parts[^2].Text : Default(defaultSchema, "schema", requested);
        var database = parts.Count == 3 ? parts[0].Text : Default(defaultDatabase, "database", requested);
        return new QualifiedTable(database, schema, name);
    }

    /// <summary>
    /// The name as the planner is given it: <c>"DATABASE"."SCHEMA"."NAME"</c>, every part quoted and each quote doubled,
    /// so the library reads back exactly these three parts whatever they hold.
    /// </summary>
    public string ToSql() => $"{Quote(Database)}.{Quote(Schema)}.{Quote(Name)}";

    /// <summary>The name as a user would type it and as the library reports it: a part bare when it reads back unchanged unquoted.</summary>
    public override string ToString() => $"{Display(Database)}.{Display(Schema)}.{Display(Name)}";

    /// <summary>A part bare when it is plain upper case (it reads back unchanged unquoted), quoted otherwise.</summary>
    internal static string Display(string part) => IsPlainUpper(part) ? part : Quote(part);

    internal static string Quote(string part) => "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static bool IsPlainUpper(string name) =>
        name.Length > 0 && (name[0] is (>= 'A' and <= 'Z') or '_') && name.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '$');

    private static string Default(string? value, string part, string requested) => string.IsNullOrEmpty(value)
        ? throw new AllowlistException(
            $"The table '{NameReader.Printable(requested)}' names no {part} and the service's connection has no default {part}: write DATABASE.SCHEMA.TABLE.")
        : value;

    private static string Exact(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        return NameReader.Problem(value) is { } problem
            ? throw new AllowlistException($"'{NameReader.Printable(value)}' cannot be a Snowflake {parameter} name: {problem}.")
            : value;
    }
}
