using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine;

public sealed partial class LocalEngine
{
    /// <summary>
    /// The tables <paramref name="statement"/> reads, with their change numbers now, when its result may be reused
    /// (<see cref="ResultReuse"/>); null when it may not, or does not parse (running it reports why).
    /// </summary>
    internal TableReads? ReusableReads(string statement, EngineContext context)
    {
        Statement parsed;
        try
        {
            parsed = Parser.ParseStatement(statement, out _);
        }
        catch (SnowflakeSqlException)
        {
            return null;
        }

        var tables = ResultReuse.TablesRead(parsed, context.Schema ?? "PUBLIC");
        return tables is null
            ? null
            : new TableReads([.. tables.Distinct().Select(t => new TableRead(t.Schema, t.Table, _catalog.ChangeNumber(t.Schema, t.Table)))]);
    }

    /// <summary>
    /// <paramref name="context"/> as a statement runs in it: an unnamed database, schema or role is the one the request
    /// gets by default (this engine's database, PUBLIC, the first role), so naming it or not is the same context.
    /// </summary>
    internal EngineContext Resolved(EngineContext context) => context with
    {
        Database = context.Database ?? Options.DatabaseName,
        Schema = context.Schema ?? "PUBLIC",
        Role = context.Role ?? (Options.Roles.Count > 0 ? Options.Roles[0] : LocalEngineOptions.DefaultRole),
    };

    /// <summary>True while no table in <paramref name="reads"/> has changed since they were taken.</summary>
    internal bool Unchanged(TableReads reads) =>
        reads.Tables.All(t => _catalog.ChangeNumber(t.Schema, t.Table) == t.ChangeNumber);
}
