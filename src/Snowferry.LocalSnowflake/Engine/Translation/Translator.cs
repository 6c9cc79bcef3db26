using System.Text;
using DuckDB.NET.Data;
using Snowferry.LocalSnowflake.Engine.Sql;
using Snowferry.LocalSnowflake.Engine.Storage;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>
/// Binds a parsed statement against the catalog, types every expression the way Snowflake does and renders DuckDB
/// SQL with Snowflake's meaning. One instance per statement.
/// </summary>
internal sealed partial class Translator
{
    private readonly LocalEngineOptions _options;
    private readonly Catalog _catalog;
    private readonly EngineContext _context;
    private readonly string _source;
    private readonly DuckDBConnection _connection;
    private readonly Dictionary<string, CompiledQuery> _ctes = new(StringComparer.Ordinal);
    private int _aliasCounter;

    public Translator(LocalEngineOptions options, Catalog catalog, EngineContext context, string source, DuckDBConnection connection)
    {
        _options = options;
        _catalog = catalog;
        _context = context;
        _source = source;
        _connection = connection;
    }

    private string SessionZone => Native.Quote(_options.TimeZone);

    private string DefaultSchema => _context.Schema ?? "PUBLIC";

    public Plan Translate(Statement statement) => statement switch
    {
        SelectStatement select => SelectPlan(select.Query),
        CreateTableStatement create => CreateTable(create),
        InsertStatement insert => Insert(insert),
        DropTableStatement drop => DropTable(drop),
        DescribeTableStatement describe => Describe(describe),
        CopyIntoLocationStatement copy => CopyInto(copy),
        _ => throw SqlErrors.NotImplemented(statement.GetType().Name),
    };

    private string NextAlias() => "q" + (_aliasCounter++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Resolves a table name to (schema, table), checking the database part.</summary>
    private (string Schema, string Table) Qualify(ObjectName name)
    {
        var parts = name.Parts;
        if (parts.Count == 3 && !string.Equals(parts[0], _options.DatabaseName, StringComparison.Ordinal))
        {
            throw SqlErrors.ObjectDoesNotExist(string.Join('.', parts));
        }

        if (parts.Count == 1 && _context.Database is { } database && !string.Equals(database, _options.DatabaseName, StringComparison.Ordinal))
        {
            throw SqlErrors.ObjectDoesNotExist(database + "." + DefaultSchema + "." + parts[0]);
        }

        return parts.Count == 1 ? (DefaultSchema, parts[0]) : (parts[^2], parts[^1]);
    }

    private CatalogTable RequireTable(ObjectName name)
    {
        var (schema, table) = Qualify(name);
        return _catalog.Find(schema, table) ?? throw SqlErrors.ObjectDoesNotExist(string.Join('.', name.Parts));
    }

    private static Typed ResolveColumn(ColumnRef reference, ExprContext context)
    {
        var parts = reference.Parts;
        var name = parts[^1];
        var qualifier = parts.Count >= 2 ? parts[^2] : null;
        var schema = parts.Count >= 3 ? parts[^3] : null;
        ScopeColumn? match = null;
        foreach (var column in context.Columns)
        {
            if (!string.Equals(column.Name, name, StringComparison.Ordinal) ||
                (qualifier is not null && !string.Equals(column.Table, qualifier, StringComparison.Ordinal)) ||
                (schema is not null && !string.Equals(column.Schema, schema, StringComparison.Ordinal)))
            {
                continue;
            }

            if (match is not null)
            {
                throw SqlErrors.Compilation(reference.Span.Line, reference.Span.Column, $"ambiguous column name '{name}'");
            }

            match = column;
        }

        if (match is null)
        {
            throw SqlErrors.InvalidIdentifier(reference.Span.Line, reference.Span.Column, Display(parts));
        }

        return new Typed(match.Sql, match.Type) { Bare = context.Grouped && !context.InAggregate ? Display(parts) : null };
    }

    /// <summary>Names as Snowflake prints them in messages: unquoted when they need no quotes.</summary>
    private static string Display(IReadOnlyList<string> parts) => string.Join('.', parts.Select(DisplayPart));

    private static string DisplayPart(string part) =>
        part.Length > 0 && Lexer.IsIdentifierStart(part[0]) && part.All(c => Lexer.IsIdentifierPart(c) && !char.IsAsciiLetterLower(c))
            ? part
            : "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Snowflake names an unaliased expression column after its text, unquoted identifiers upper-cased.</summary>
    private string ColumnNameOf(Expr expression)
    {
        if (expression is ColumnRef column)
        {
            return column.Parts[^1];
        }

        var text = _source[expression.Span.Start..Math.Min(expression.Span.End, _source.Length)];
        var result = new StringBuilder(text.Length);
        var quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                result.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                result.Append(c);
            }
            else
            {
                result.Append(char.ToUpperInvariant(c));
            }
        }

        return result.ToString();
    }
}
