using DuckDB.NET.Data;

namespace Snowferry.LocalSnowflake.Engine.Storage;

/// <summary>Small helpers for DuckDB SQL the engine writes itself.</summary>
internal static class Native
{
    public static long Run(DuckDBConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var registration = cancellationToken.CanBeCanceled ? cancellationToken.Register(command.Cancel) : default;
        return command.ExecuteNonQuery();
    }

    /// <summary>A DuckDB string literal (standard SQL: only the quote is escaped, backslashes are plain).</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A DuckDB quoted identifier (the double quote doubled).</summary>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
