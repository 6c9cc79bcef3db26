using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Sql;
using Snowferry.LocalSnowflake.Engine.Storage;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>DDL, DML and DESCRIBE: run here, against the catalog and DuckDB, with Snowflake's result shapes.</summary>
internal sealed partial class Translator
{
    public CancellationToken Cancellation { get; init; }

    private DonePlan CreateTable(CreateTableStatement create)
    {
        var (schema, name) = Qualify(create.Name);
        if (string.Equals(schema, "INFORMATION_SCHEMA", StringComparison.Ordinal))
        {
            throw new SnowflakeSqlException("003001", "42501", "SQL access control error:\nInsufficient privileges to operate on schema 'INFORMATION_SCHEMA'");
        }

        List<(string, SnowType, bool)> columns;
        Func<CatalogTable, long>? populate = null;
        if (create.AsQuery is { } query)
        {
            var compiled = CompileQuery(query);
            columns = [.. compiled.Columns.Select(c => (c.Name, c.Type.Kind == SnowKind.Null ? SnowType.Text : c.Type, true))];
            populate = table => Native.Run(_connection, $"INSERT INTO {table.Physical} SELECT * FROM ({compiled.Sql}) AS src", Cancellation);
        }
        else
        {
            columns = [.. create.Columns.Select(c => (c.Name, c.Type, c.Nullable))];
        }

        var created = _catalog.Create(_connection, schema, name, columns, create.OrReplace, create.IfNotExists, populate, out _);
        return Status(created is null ? $"{name} already exists, statement succeeded." : $"Table {name} successfully created.");
    }

    private DonePlan DropTable(DropTableStatement drop)
    {
        var (schema, name) = Qualify(drop.Name);
        if (_catalog.Drop(_connection, schema, name))
        {
            return Status($"{name} successfully dropped.");
        }

        return drop.IfExists
            ? Status("Drop statement executed successfully (" + name + " already dropped).")
            : throw SqlErrors.TableDoesNotExist(string.Join('.', drop.Name.Parts));
    }

    private static DonePlan Status(string message) =>
        new(new EngineResult([SnowType.Text.ToColumn("status")], [[message]]));

    private DonePlan Insert(InsertStatement insert)
    {
        var table = RequireTable(insert.Name);
        var targets = new List<CatalogColumn>();
        if (insert.Columns is null)
        {
            targets.AddRange(table.Columns);
        }
        else
        {
            foreach (var (name, span) in insert.Columns)
            {
                var column = table.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
                    ?? throw SqlErrors.InvalidIdentifier(span.Line, span.Column, DisplayPart(name));
                if (targets.Contains(column))
                {
                    throw SqlErrors.Compilation(span.Line, span.Column, $"duplicate column name '{name}'");
                }

                targets.Add(column);
            }
        }

        var columnList = string.Join(", ", targets.Select(c => c.Physical));
        string sql;
        if (insert.Rows is not null)
        {
            var empty = new ExprContext { Clause = "VALUES" };
            var rows = new List<string>();
            foreach (var row in insert.Rows)
            {
                if (row.Count != targets.Count)
                {
                    throw SqlErrors.ColumnCountMismatch(targets.Count, row.Count);
                }

                rows.Add("(" + string.Join(", ", row.Select((e, i) => Assign(Compile(e, empty), targets[i].Type, e.Span))) + ")");
            }

            sql = $"INSERT INTO {table.Physical} ({columnList}) VALUES {string.Join(", ", rows)}";
        }
        else
        {
            var compiled = CompileQuery(insert.Source!);
            if (compiled.Columns.Count != targets.Count)
            {
                throw SqlErrors.ColumnCountMismatch(targets.Count, compiled.Columns.Count);
            }

            var alias = NextAlias();
            var values = compiled.Columns.Select((c, i) =>
                Assign(new Typed(alias + ".c" + i.ToString(CultureInfo.InvariantCulture), c.Type), targets[i].Type, insert.Source!.Span));
            sql = $"INSERT INTO {table.Physical} ({columnList}) SELECT {string.Join(", ", values)} FROM ({compiled.Sql}) AS {alias}";
        }

        long inserted;
        try
        {
            inserted = Native.Run(_connection, sql, Cancellation);
        }
        finally
        {
            // After the insert has committed (or failed: a spurious change only costs a result cache miss).
            _catalog.MarkChanged(table.Schema, table.Name);
        }

        return new DonePlan(new EngineResult(
            [SnowType.Number(19, 0).ToColumn("number of rows inserted") with { Nullable = false }],
            [[inserted.ToString(CultureInfo.InvariantCulture)]])
        {
            RowsInserted = inserted,
        });
    }

    /// <summary>A value converted for a column; text longer than the column's length fails as in Snowflake (no silent truncation).</summary>
    private string Assign(Typed value, SnowType column, SourceSpan span)
    {
        var converted = CastTo(value, column, false, span);
        if (column.Kind != SnowKind.Text || column.Length >= SnowType.MaxTextLength)
        {
            return converted.Sql;
        }

        var length = column.Length.ToString(CultureInfo.InvariantCulture);
        if (converted.Constant is { } constant)
        {
            return constant.Length > column.Length
                ? throw new SnowflakeSqlException("100074", "22001", $"String '{constant}' is too long and would be truncated")
                : converted.Sql;
        }

        return $"(CASE WHEN length({converted.Sql}) > {length} THEN error('snowferry:100074:22001:String ''' || {converted.Sql} || ''' is too long and would be truncated') ELSE {converted.Sql} END)";
    }

    private DonePlan Describe(DescribeTableStatement describe)
    {
        var table = RequireTable(describe.Name);
        string[] names = ["name", "type", "kind", "null?", "default", "primary key", "unique key", "check", "expression", "comment", "policy name", "privacy domain"];
        var rows = table.Columns.Select(c => new string?[]
        {
            c.Name, c.Type.DescribeName, "COLUMN", c.Nullable ? "Y" : "N", null, "N", "N", null, null, null, null, null,
        }).ToList();
        return new DonePlan(new EngineResult([.. names.Select(n => SnowType.Text.ToColumn(n))], rows));
    }

    private Typed Binding(Parameter parameter)
    {
        var bindings = _context.Bindings;
        if (bindings is null || parameter.Index >= bindings.Count)
        {
            throw SqlErrors.MissingBinding(parameter.Index + 1);
        }

        return Bindings.Bind(bindings[parameter.Index], parameter.Index + 1);
    }

    /// <summary>INFORMATION_SCHEMA views over the catalog, with Snowflake's column names and type names.</summary>
    private CompiledQuery? InformationSchema(string view)
    {
        var number = SnowType.Number(9, 0);
        var text = SnowType.Text;
        var tables = _catalog.All();
        var database = Native.Quote(_options.DatabaseName);
        switch (view)
        {
            case "COLUMNS":
                (string, SnowType)[] columns =
                [
                    ("TABLE_CATALOG", text), ("TABLE_SCHEMA", text), ("TABLE_NAME", text), ("COLUMN_NAME", text),
                    ("ORDINAL_POSITION", number), ("COLUMN_DEFAULT", text), ("IS_NULLABLE", text), ("DATA_TYPE", text),
                    ("CHARACTER_MAXIMUM_LENGTH", number), ("CHARACTER_OCTET_LENGTH", number), ("NUMERIC_PRECISION", number),
                    ("NUMERIC_PRECISION_RADIX", number), ("NUMERIC_SCALE", number), ("DATETIME_PRECISION", number), ("COMMENT", text),
                ];
                var rows = tables.SelectMany(t => t.Columns.Select((c, i) => new[]
                {
                    database, Native.Quote(t.Schema), Native.Quote(t.Name), Native.Quote(c.Name), Int(i + 1), "NULL",
                    c.Nullable ? "'YES'" : "'NO'", Native.Quote(c.Type.DataTypeName),
                    c.Type.Kind == SnowKind.Text ? Int(c.Type.Length) : c.Type.Kind == SnowKind.Binary ? Int(c.Type.Length) : "NULL",
                    c.Type.Kind == SnowKind.Text ? Int(Math.Min(c.Type.Length * 4, SnowType.MaxTextLength)) : c.Type.Kind == SnowKind.Binary ? Int(c.Type.Length) : "NULL",
                    c.Type.Kind == SnowKind.Fixed ? Int(c.Type.Precision) : "NULL",
                    c.Type.Kind == SnowKind.Fixed ? "10" : "NULL",
                    c.Type.Kind == SnowKind.Fixed ? Int(c.Type.Scale) : "NULL",
                    c.Type.Kind is SnowKind.Time or SnowKind.TimestampNtz or SnowKind.TimestampLtz or SnowKind.TimestampTz ? Int(c.Type.Scale) : "NULL",
                    "NULL",
                }));
                return Values(columns, rows);
            case "TABLES":
                (string, SnowType)[] tableColumns =
                [
                    ("TABLE_CATALOG", text), ("TABLE_SCHEMA", text), ("TABLE_NAME", text), ("TABLE_OWNER", text),
                    ("TABLE_TYPE", text), ("IS_TRANSIENT", text), ("CLUSTERING_KEY", text), ("ROW_COUNT", SnowType.Number(38, 0)),
                    ("BYTES", SnowType.Number(38, 0)), ("RETENTION_TIME", number), ("COMMENT", text),
                ];
                var tableRows = tables.Select(t => new[]
                {
                    database, Native.Quote(t.Schema), Native.Quote(t.Name), Native.Quote(_options.Roles.Count > 0 ? _options.Roles[0] : LocalEngineOptions.DefaultRole), "'BASE TABLE'", "'NO'", "NULL",
                    $"(SELECT count(*) FROM {t.Physical})", "NULL", "1", "NULL",
                });
                return Values(tableColumns, tableRows);
            default:
                return null;
        }

        static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private static CompiledQuery Values((string Name, SnowType Type)[] columns, IEnumerable<string[]> rows)
    {
        string Row(string[] cells) => "SELECT " + string.Join(", ", cells.Select((cell, i) =>
            $"CAST({cell} AS {columns[i].Type.DuckType}) AS c{i.ToString(CultureInfo.InvariantCulture)}"));
        var selects = rows.Select(Row).ToList();
        var sql = selects.Count > 0
            ? string.Join(" UNION ALL ", selects)
            : Row([.. columns.Select(_ => "NULL")]) + " WHERE FALSE";
        return new CompiledQuery(sql, columns);
    }
}
