using Snowferry.Planning.Sql;
using Snowferry.Snowflake.Client;

namespace Snowferry.Planning;

/// <summary>
/// Where Snowflake resolves an unqualified name for this connection: <c>CURRENT_DATABASE()</c> and
/// <c>CURRENT_SCHEMA()</c> as the session sees them. Asked of the server rather than read from connections.toml
/// because the SQL API treats the request's database and schema as case-sensitive, while the same values typed for the
/// Snowflake CLI are folded like identifiers; the server's answer is the exact name either way.
/// </summary>
internal static class SessionNamespace
{
    public static SqlSelect Query { get; } = new()
    {
        Items =
        [
            new SqlSelectItem(new SqlFunctionCall("CURRENT_DATABASE"), new SqlIdentifier("DATABASE")),
            new SqlSelectItem(new SqlFunctionCall("CURRENT_SCHEMA"), new SqlIdentifier("SCHEMA")),
        ],
    };

    /// <summary>The table with its missing parts filled in from the session.</summary>
    /// <exception cref="PlanException">The session has no current database or schema.</exception>
    public static async Task<TableName> ResolveAsync(SnowflakeClient client, TableName table, TimeSpan? statementTimeout, CancellationToken cancellationToken)
    {
        if (table.IsFullyQualified)
        {
            return table;
        }

        var result = await client.ExecuteAsync(SqlRenderer.Render(Query), new SnowflakeStatementOptions { Timeout = statementTimeout }, cancellationToken)
            .ConfigureAwait(false);
        string? database = null;
        string? schema = null;
        await foreach (var batch in result.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (batch.RowCount > 0)
            {
                database = batch.GetValue<string?>(0, 0);
                schema = batch.GetValue<string?>(0, 1);
            }
        }

        if (table.Schema is null && string.IsNullOrEmpty(schema))
        {
            throw table.MissingDefault("schema");
        }

        if (string.IsNullOrEmpty(database))
        {
            throw table.MissingDefault("database");
        }

        return table.Resolve(new SqlIdentifier(database), table.Schema ?? new SqlIdentifier(schema!));
    }
}
