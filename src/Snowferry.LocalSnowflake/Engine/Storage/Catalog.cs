using System.Globalization;
using DuckDB.NET.Data;
using Snowferry.LocalSnowflake.Engine.Sql;
using Snowferry.LocalSnowflake.Engine.Translation;

namespace Snowferry.LocalSnowflake.Engine.Storage;

internal sealed record CatalogColumn(string Name, SnowType Type, bool Nullable, string Physical);

/// <summary>A Snowflake table and the DuckDB table that holds it (synthetic names, so DuckDB's identifier rules never apply).</summary>
internal sealed record CatalogTable(int Id, string Schema, string Name, IReadOnlyList<CatalogColumn> Columns)
{
    public string Physical => "t_" + Id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Snowflake names and types of every table, kept in memory and persisted in the DuckDB file
/// (<c>snowferry_catalog</c>) so a data file keeps its tables between runs. Mutations run under one lock, inside
/// the same DuckDB transaction as the DDL they describe. Each table name also has a change number (in memory only),
/// raised after every change to it has committed: the result cache compares them to know a table is unchanged.
/// </summary>
internal sealed class Catalog
{
    private const string MetadataTable = "snowferry_catalog";

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Schema, string Name), CatalogTable> _tables = [];
    private readonly Dictionary<(string Schema, string Name), long> _changes = [];
    private int _nextId = 1;
    private long _changeSequence;
    private long _everythingChanged;

    public static Catalog Load(DuckDBConnection connection)
    {
        var catalog = new Catalog();
        Native.Run(connection, $"CREATE TABLE IF NOT EXISTS {MetadataTable} (table_id INTEGER, schema_name VARCHAR, table_name VARCHAR, " +
            "ordinal INTEGER, column_name VARCHAR, column_type VARCHAR, nullable BOOLEAN)");
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT table_id, schema_name, table_name, column_name, column_type, nullable, ordinal FROM {MetadataTable} ORDER BY table_id, ordinal";
        using var reader = command.ExecuteReader();
        var rows = new List<(int Id, string Schema, string Table, CatalogColumn Column)>();
        while (reader.Read())
        {
            var ordinal = reader.GetInt32(6);
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), new CatalogColumn(
                reader.GetString(3), Parser.ParseTypeName(reader.GetString(4)), reader.GetBoolean(5), ColumnPhysical(ordinal))));
        }

        foreach (var group in rows.GroupBy(r => r.Id))
        {
            var first = group.First();
            catalog._tables[(first.Schema, first.Table)] = new CatalogTable(first.Id, first.Schema, first.Table, group.Select(r => r.Column).ToList());
            catalog._nextId = Math.Max(catalog._nextId, first.Id + 1);
        }

        return catalog;
    }

    public static string ColumnPhysical(int ordinal) => "c" + ordinal.ToString(CultureInfo.InvariantCulture);

    public CatalogTable? Find(string schema, string name)
    {
        lock (_lock)
        {
            return _tables.GetValueOrDefault((schema, name));
        }
    }

    /// <summary>
    /// The last change to the table named so (created, replaced, dropped, written to), or to every table at once; 0 when
    /// none since the engine started. Compared only for equality.
    /// </summary>
    public long ChangeNumber(string schema, string name)
    {
        lock (_lock)
        {
            return Math.Max(_changes.GetValueOrDefault((schema, name)), _everythingChanged);
        }
    }

    /// <summary>Records a change to a table's rows, once it has committed (a reader that saw the old number re-reads).</summary>
    public void MarkChanged(string schema, string name)
    {
        lock (_lock)
        {
            MarkChangedLocked(schema, name);
        }
    }

    /// <summary>Records a change that may touch any table (native SQL, whose targets the catalog cannot see).</summary>
    public void MarkAllChanged()
    {
        lock (_lock)
        {
            _everythingChanged = ++_changeSequence;
        }
    }

    private void MarkChangedLocked(string schema, string name) => _changes[(schema, name)] = ++_changeSequence;

    public IReadOnlyList<CatalogTable> All()
    {
        lock (_lock)
        {
            return [.. _tables.Values.OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// Creates a table (replacing or keeping an existing one as asked) and runs <paramref name="populate"/> in the same
    /// transaction; returns null when IF NOT EXISTS found one.
    /// </summary>
    public CatalogTable? Create(
        DuckDBConnection connection, string schema, string name, IReadOnlyList<(string Name, SnowType Type, bool Nullable)> columns,
        bool orReplace, bool ifNotExists, Func<CatalogTable, long>? populate, out long populated)
    {
        populated = 0;
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SnowflakeSqlException("002025", "42S21", $"SQL compilation error:\nduplicate column name '{duplicate.Key}'");
        }

        lock (_lock)
        {
            var existing = _tables.GetValueOrDefault((schema, name));
            if (existing is not null && ifNotExists)
            {
                return null;
            }

            if (existing is not null && !orReplace)
            {
                throw SqlErrors.AlreadyExists(name);
            }

            var table = new CatalogTable(_nextId, schema, name, [.. columns.Select((c, i) => new CatalogColumn(c.Name, c.Type, c.Nullable, ColumnPhysical(i)))]);
            Native.Run(connection, "BEGIN TRANSACTION");
            try
            {
                if (existing is not null)
                {
                    DropPhysical(connection, existing);
                }

                var definitions = table.Columns.Select(c => $"{c.Physical} {c.Type.DuckType}{(c.Nullable ? "" : " NOT NULL")}");
                Native.Run(connection, $"CREATE TABLE {table.Physical} ({string.Join(", ", definitions)})");
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var column = table.Columns[i];
                    Native.Run(connection, string.Create(CultureInfo.InvariantCulture,
                        $"INSERT INTO {MetadataTable} VALUES ({table.Id}, {Native.Quote(schema)}, {Native.Quote(name)}, {i}, {Native.Quote(column.Name)}, {Native.Quote(column.Type.DescribeName)}, {(column.Nullable ? "TRUE" : "FALSE")})"));
                }

                if (populate is not null)
                {
                    populated = populate(table);
                }

                Native.Run(connection, "COMMIT");
            }
            catch
            {
                Native.Run(connection, "ROLLBACK");
                throw;
            }
            finally
            {
                // Even a rolled-back attempt counts: a spurious change only costs a cache miss.
                MarkChangedLocked(schema, name);
            }

            _tables[(schema, name)] = table;
            _nextId++;
            return table;
        }
    }

    public bool Drop(DuckDBConnection connection, string schema, string name)
    {
        lock (_lock)
        {
            var existing = _tables.GetValueOrDefault((schema, name));
            if (existing is null)
            {
                return false;
            }

            Native.Run(connection, "BEGIN TRANSACTION");
            try
            {
                DropPhysical(connection, existing);
                Native.Run(connection, "COMMIT");
            }
            catch
            {
                Native.Run(connection, "ROLLBACK");
                throw;
            }
            finally
            {
                MarkChangedLocked(schema, name);
            }

            _tables.Remove((schema, name));
            return true;
        }
    }

    private static void DropPhysical(DuckDBConnection connection, CatalogTable table)
    {
        Native.Run(connection, $"DROP TABLE IF EXISTS {table.Physical}");
        Native.Run(connection, string.Create(CultureInfo.InvariantCulture, $"DELETE FROM {MetadataTable} WHERE table_id = {table.Id}"));
    }
}
