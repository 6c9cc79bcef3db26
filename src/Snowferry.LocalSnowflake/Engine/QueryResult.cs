using System.Data.Common;
using DuckDB.NET.Data;
using Snowferry.LocalSnowflake.Engine.Encoding;
using Snowferry.LocalSnowflake.Engine.Translation;

namespace Snowferry.LocalSnowflake.Engine;

/// <summary>
/// A running query: DuckDB streams its rows (never the whole result in memory) and each is encoded as it is read.
/// Owns the connection, command and reader until the result is disposed.
/// </summary>
internal sealed class QueryResult : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly DuckDBCommand _command;
    private readonly DbDataReader _reader;
    private readonly CancellationTokenRegistration _registration;

    private QueryResult(DuckDBConnection connection, DuckDBCommand command, DbDataReader reader, CancellationTokenRegistration registration)
    {
        _connection = connection;
        _command = command;
        _reader = reader;
        _registration = registration;
    }

    public static EngineResult Start(DuckDBConnection connection, QueryPlan plan, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.CommandText = plan.Sql;
        command.UseStreamingMode = true;
        var registration = cancellationToken.Register(command.Cancel);
        DbDataReader reader;
        try
        {
            reader = command.ExecuteReader();
        }
        catch
        {
            registration.Dispose();
            command.Dispose();
            throw;
        }

        var owner = new QueryResult(connection, command, reader, registration);
        var types = plan.Columns.Select(c => c.Type).ToArray();
        var columns = plan.Columns.Select(c => c.Type.ToColumn(c.Name)).ToList();
        return new EngineResult(columns, owner.Rows(types, cancellationToken), owner);
    }

    private IEnumerable<string?[]> Rows(SnowType[] types, CancellationToken cancellationToken)
    {
        while (true)
        {
            bool more;
            try
            {
                more = _reader.Read();
            }
            catch (DuckDBException error)
            {
                throw ErrorMapper.Map(error, cancellationToken);
            }

            if (!more)
            {
                yield break;
            }

            var row = new string?[types.Length];
            for (var i = 0; i < types.Length; i++)
            {
                row[i] = WireEncoder.Read(_reader, i, types[i]);
            }

            yield return row;
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        _reader.Dispose();
        _command.Dispose();
        _connection.Dispose();
    }
}
