using Snowferry.Planning.Sql;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;

namespace Snowferry.Planning;

/// <summary>
/// Builds a <see cref="TransferPlan"/>: reads the table's columns through the SQL API, assigns each a role under the
/// contract's defaults and the options, and compiles the statement. <see cref="Plan"/> is the pure part, usable without
/// a server.
/// </summary>
internal static class TransferPlanner
{
    /// <summary>
    /// Plans a transfer of <paramref name="sourceTable"/> (<c>TABLE</c>, <c>SCHEMA.TABLE</c> or
    /// <c>DATABASE.SCHEMA.TABLE</c>). Missing parts are the session's current database and schema, asked of Snowflake
    /// (one small query, only for a name that is not fully qualified); <paramref name="connection"/> only names the
    /// role in a "not found" error.
    /// </summary>
    /// <exception cref="InvalidIdentifierException">The table name breaks Snowflake's identifier rules.</exception>
    /// <exception cref="PlanException">Unknown table, bad options, unsupported column types (see <see cref="PlanException.Code"/>).</exception>
    /// <exception cref="SnowflakeException">Snowflake failed the metadata query.</exception>
    public static Task<TransferPlan> PlanAsync(
        SnowflakeClient client,
        SnowflakeConnectionSettings connection,
        string sourceTable,
        TransferPlanOptions? options = null,
        CancellationToken cancellationToken = default) =>
        PlanAsync(client, connection, sourceTable, options, null, cancellationToken);

    /// <summary>As <see cref="PlanAsync(SnowflakeClient, SnowflakeConnectionSettings, string, TransferPlanOptions?, CancellationToken)"/>, with a statement timeout.</summary>
    /// <param name="client">The SQL API client.</param>
    /// <param name="connection">The connection; names the role in a "not found" error.</param>
    /// <param name="sourceTable">The table.</param>
    /// <param name="options">Column roles; defaults when null.</param>
    /// <param name="statementTimeout">The timeout of the metadata queries; the client's default when null.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <exception cref="InvalidIdentifierException">The table name breaks Snowflake's identifier rules.</exception>
    /// <exception cref="PlanException">Unknown table, bad options, unsupported column types (see <see cref="PlanException.Code"/>).</exception>
    /// <exception cref="SnowflakeException">Snowflake failed the metadata query.</exception>
    public static async Task<TransferPlan> PlanAsync(
        SnowflakeClient client,
        SnowflakeConnectionSettings connection,
        string sourceTable,
        TransferPlanOptions? options,
        TimeSpan? statementTimeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sourceTable);
        var table = await SessionNamespace.ResolveAsync(client, TableName.Parse(sourceTable), statementTimeout, cancellationToken).ConfigureAwait(false);
        var columns = await SourceColumnReader.ReadAsync(client, table, connection.Role, statementTimeout, cancellationToken).ConfigureAwait(false);
        return Plan(table, columns, options);
    }

    /// <summary>Plans a transfer from the table's columns (in any order; the plan follows their ordinals).</summary>
    /// <exception cref="PlanException">The options do not fit the table, or a kept column's type is unsupported.</exception>
    public static TransferPlan Plan(TableName table, IReadOnlyList<SourceColumn> columns, TransferPlanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        options ??= new TransferPlanOptions();
        if (!Enum.IsDefined(options.EpochUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EpochUnit, "Unknown epoch unit.");
        }

        if (columns.Count == 0)
        {
            throw TableNotFound(table, null);
        }

        var ordered = columns.OrderBy(c => c.Ordinal).ToList();
        foreach (var column in ordered)
        {
            // A name Snowflake reported can still be one snowferry refuses to quote (a control character); say so early.
            _ = new SqlIdentifier(column.Name);
        }

        return new TransferPlan(table, options, RoleAssigner.Assign(table, ordered, options));
    }

    internal static PlanException TableNotFound(TableName table, string? role) => new(
        PlanErrorCode.TableNotFound,
        $"Table {table} does not exist or is not visible to role {role ?? "(the user's default role)"}. " +
        "Check the name (unquoted names fold to upper case; quote a mixed-case name, e.g. \"My Table\"), the database and schema, and the role's grants.");
}
