using Snowferry.Destinations;
using Snowferry.Service.Configuration;

namespace Snowferry.Service.Allowlists;

/// <summary>
/// What one client may read and where it may write, read once at start-up from its <see cref="ServiceClientOptions"/>
/// and the connection's database and schema. An empty list allows nothing.
/// </summary>
public sealed class Allowlist
{
    private Allowlist(string? defaultDatabase, string? defaultSchema, IReadOnlyList<TablePattern> tables, IReadOnlyList<DestinationPattern> destinations)
    {
        DefaultDatabase = defaultDatabase;
        DefaultSchema = defaultSchema;
        Tables = tables;
        Destinations = destinations;
    }

    /// <summary>The connection's database, exact; completes shorter names and patterns.</summary>
    public string? DefaultDatabase { get; }

    /// <summary>The connection's schema, exact; completes shorter names and patterns.</summary>
    public string? DefaultSchema { get; }

    /// <summary>The allowed tables, in the configured order.</summary>
    public IReadOnlyList<TablePattern> Tables { get; }

    /// <summary>The allowed destinations, in the configured order.</summary>
    public IReadOnlyList<DestinationPattern> Destinations { get; }

    /// <summary>The table patterns as configured, for <c>GET /v1/me</c>.</summary>
    public IReadOnlyList<string> TableTexts => [.. Tables.Select(t => t.Text)];

    /// <summary>The destination patterns as configured, for <c>GET /v1/me</c>.</summary>
    public IReadOnlyList<string> DestinationTexts => [.. Destinations.Select(d => d.Text)];

    /// <summary>Reads a client's allowlists; the service does not start when this throws.</summary>
    /// <param name="clientName">The client's name in the configuration, for messages.</param>
    /// <param name="options">The client's options.</param>
    /// <param name="defaultDatabase">The connection's database, exact (<c>CURRENT_DATABASE()</c>); null when none.</param>
    /// <param name="defaultSchema">The connection's schema, exact (<c>CURRENT_SCHEMA()</c>); null when none.</param>
    /// <exception cref="AllowlistException">A pattern is malformed or cannot be completed; the message names the client and the pattern.</exception>
    public static Allowlist Create(string clientName, ServiceClientOptions options, string? defaultDatabase, string? defaultSchema)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        ArgumentNullException.ThrowIfNull(options);
        var tables = Read(clientName, nameof(options.AllowedTables), options.AllowedTables, p => TablePattern.Parse(p, defaultDatabase, defaultSchema));
        var destinations = Read(clientName, nameof(options.AllowedDestinations), options.AllowedDestinations, DestinationPattern.Parse);
        return new Allowlist(defaultDatabase, defaultSchema, tables, destinations);
    }

    /// <summary>The table a request names, completed with the connection's database and schema.</summary>
    /// <exception cref="AllowlistException">Malformed, or a missing part has no default (a <c>400</c>).</exception>
    public QualifiedTable ResolveTable(string requested) => QualifiedTable.Parse(requested, DefaultDatabase, DefaultSchema);

    /// <summary>True when a pattern matches <paramref name="table"/>.</summary>
    public bool IsTableAllowed(QualifiedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Tables.Any(p => p.Matches(table));
    }

    /// <summary>Whether the client may read <paramref name="table"/>, and why not.</summary>
    public AllowlistDecision CheckTable(QualifiedTable table) => IsTableAllowed(table)
        ? AllowlistDecision.Allowed
        : AllowlistDecision.Refused(Tables.Count == 0
            ? $"The table {table} is not allowed: this client has no allowed tables (AllowedTables is empty). Ask the service's operator to allow it."
            : $"The table {table} is not in this client's allowed tables ({string.Join(", ", Tables.Select(t => t.Completed))}): " +
              "ask for one of them, or ask the service's operator to allow it.");

    /// <summary>
    /// Whether every object key a transfer of <paramref name="table"/> could write (its file and the file's manifest, or
    /// an unload's run folder) is under one of the allowed destinations, with no segment another reader could resolve
    /// into a different key.
    /// </summary>
    /// <param name="destination">The request's destination: <c>s3://bucket/prefix</c> or a bucket name, read by the library's <see cref="TransferDestinations.Parse"/>.</param>
    /// <param name="keyPrefix">The request's <c>prefix</c> (<c>TransferOptions.KeyPrefix</c>).</param>
    /// <param name="keyTemplate">The request's <c>key_template</c> (<c>TransferOptions.KeyTemplate</c>).</param>
    /// <param name="table">The resolved table (<see cref="ResolveTable"/>).</param>
    /// <exception cref="AllowlistException">The destination or the key template is malformed (a <c>400</c>; the library's message).</exception>
    public AllowlistDecision CheckDestination(string destination, string? keyPrefix, string? keyTemplate, QualifiedTable table)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(table);
        return DestinationCheck.Run(Destinations, destination, keyPrefix, keyTemplate, table);
    }

    private static List<T> Read<T>(string clientName, string setting, List<string>? patterns, Func<string, T> parse)
    {
        var read = new List<T>();
        foreach (var pattern in patterns ?? [])
        {
            try
            {
                read.Add(parse(pattern ?? ""));
            }
            catch (AllowlistException e)
            {
                throw new AllowlistException($"Client '{clientName}', {setting}: {e.Message}", e);
            }
        }

        return read;
    }
}
