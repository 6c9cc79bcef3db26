using System.Globalization;
using Snowferry.Planning.Sql;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Planning;

/// <summary>
/// Reads a table's columns from <c>&lt;DATABASE&gt;.INFORMATION_SCHEMA.COLUMNS</c> (docs.snowflake.com/en/sql-reference/info-schema/columns),
/// the view that lists only what the current role may see. The database is a quoted identifier in the statement;
/// schema and table names travel as bindings, never as SQL text.
/// </summary>
internal static class SourceColumnReader
{
    /// <summary>Reads the columns of a fully qualified table, in ordinal order.</summary>
    /// <param name="client">The SQL API client.</param>
    /// <param name="table">The table; must name its database and schema (see <see cref="TableName.Resolve(SqlIdentifier, SqlIdentifier)"/>).</param>
    /// <param name="role">The role the connection uses, for the error message only; null for the user's default.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="PlanException">The table does not exist or the role cannot see it.</exception>
    /// <exception cref="SnowflakeException">Snowflake failed the query.</exception>
    public static Task<IReadOnlyList<SourceColumn>> ReadAsync(SnowflakeClient client, TableName table, string? role, CancellationToken cancellationToken = default) =>
        ReadAsync(client, table, role, null, cancellationToken);

    /// <summary>Reads the columns of a fully qualified table, in ordinal order, under a statement timeout.</summary>
    /// <param name="client">The SQL API client.</param>
    /// <param name="table">The table; must name its database and schema (see <see cref="TableName.Resolve(SqlIdentifier, SqlIdentifier)"/>).</param>
    /// <param name="role">The role the connection uses, for the error message only; null for the user's default.</param>
    /// <param name="statementTimeout">The query's timeout; the client's default when null.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="PlanException">The table does not exist or the role cannot see it.</exception>
    /// <exception cref="SnowflakeException">Snowflake failed the query.</exception>
    public static async Task<IReadOnlyList<SourceColumn>> ReadAsync(
        SnowflakeClient client, TableName table, string? role, TimeSpan? statementTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(table);
        var statement = SqlRenderer.Render(Query(table));
        var result = await client.ExecuteAsync(
            statement,
            new SnowflakeStatementOptions
            {
                Bindings = [SnowflakeBinding.Text(table.Schema!.Name), SnowflakeBinding.Text(table.Name.Name)],
                Timeout = statementTimeout,
            },
            cancellationToken).ConfigureAwait(false);
        var columns = new List<SourceColumn>();
        await foreach (var batch in result.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                columns.Add(new SourceColumn(
                    batch.GetValue<string>(row, 0),
                    batch.GetValue<string>(row, 1),
                    ToInt(batch, row, 2),
                    ToInt(batch, row, 3),
                    ToInt(batch, row, 4) ?? columns.Count + 1));
            }
        }

        return columns.Count == 0 ? throw TransferPlanner.TableNotFound(table, role) : columns;
    }

    /// <summary>
    /// <c>SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE, ORDINAL_POSITION FROM "DB"."INFORMATION_SCHEMA"."COLUMNS"
    /// WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION</c>, bound to the schema and table names.
    /// </summary>
    /// <exception cref="ArgumentException">The table does not name its database and schema.</exception>
    public static SqlSelect Query(TableName table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.IsFullyQualified)
        {
            throw new ArgumentException($"Table {table} must name its database and schema; call Resolve first.", nameof(table));
        }

        static SqlColumnRef Column(string name) => new(new SqlIdentifier(name));
        return new SqlSelect
        {
            Items =
            [
                new(Column("COLUMN_NAME")), new(Column("DATA_TYPE")), new(Column("NUMERIC_PRECISION")),
                new(Column("NUMERIC_SCALE")), new(Column("ORDINAL_POSITION")),
            ],
            From = new SqlTableRef([table.Database!, new SqlIdentifier("INFORMATION_SCHEMA"), new SqlIdentifier("COLUMNS")]),
            Where = new SqlAnd([new SqlEquals(Column("TABLE_SCHEMA"), new SqlParameter()), new SqlEquals(Column("TABLE_NAME"), new SqlParameter())]),
            OrderBy = [new SqlOrderItem(Column("ORDINAL_POSITION"))],
        };
    }

    /// <summary>A number column read whatever wire type the server chose for it (Snowflake: fixed; emulators: maybe text).</summary>
    private static int? ToInt(SnowflakeRowBatch batch, int row, int column) => batch[row, column] switch
    {
        null => null,
        SnowflakeDecimal d => (int)d.ToDecimal(),
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        double d when d == Math.Floor(d) => (int)d,
        var other => throw new SnowflakeDataException(
            $"INFORMATION_SCHEMA.COLUMNS returned {other.GetType().Name} where a whole number was expected.",
            batch.PartitionIndex,
            row,
            batch.Columns[column].Name,
            column),
    };
}
