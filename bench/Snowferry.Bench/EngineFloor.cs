using System.Diagnostics;
using System.Globalization;
using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.Bench;

/// <summary>
/// The engine floor: DuckDB alone, on the local Snowflake's data file, running the same aggregation (blank rows
/// dropped, month truncation, keys, sums, the per-group row count, ordered by the keys) and writing it to a local
/// Parquet file with <c>COPY ... TO</c>. Run while the local Snowflake is stopped (a DuckDB file has one writer).
/// </summary>
internal static class EngineFloor
{
    public static int Run(BenchArgs args, CancellationToken cancellationToken)
    {
        const string Schema = "PUBLIC";
        var table = args.Required("table");
        var output = Path.GetFullPath(args.Required("out"));
        using var engine = new LocalEngine(new LocalEngineOptions { DataFile = Path.GetFullPath(args.Required("data")) });
        string Col(string name) => engine.NativeColumnName(Schema, table, name);

        var keys = args.All("key-column").Select(k => $"{Col(k)} AS \"{k}\"").ToList();
        var months = args.All("month-column").Select(m => $"CAST(date_trunc('month', {Col(m)}) AS DATE) AS \"{m}\"").ToList();
        var sums = args.All("sum-column").Select(s => $"sum({Col(s)}) AS \"{s}\"").ToList();
        var every = args.All("key-column").Concat(args.All("month-column")).Concat(args.All("sum-column")).ToList();
        var groupCount = keys.Count + months.Count;
        var select = string.Join(", ", keys.Concat(months).Concat(sums).Append("count(*) AS \"_SNOWFERRY_SOURCE_ROWS\""));
        var notBlank = "NOT (" + string.Join(" AND ", every.Select(c => $"{Col(c)} IS NULL")) + ")";
        var positions = string.Join(", ", Enumerable.Range(1, groupCount));
        var order = string.Join(", ", Enumerable.Range(1, groupCount).Select(i => $"{i} ASC NULLS LAST"));
        var sql = string.Create(
            CultureInfo.InvariantCulture,
            $"COPY (SELECT {select} FROM {engine.NativeTableName(Schema, table)} WHERE {notBlank} GROUP BY {positions} ORDER BY {order}) "
            + $"TO '{output.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet, COMPRESSION snappy)");

        var clock = Stopwatch.StartNew();
        engine.ExecuteNative(sql, cancellationToken);
        clock.Stop();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"rows_in\":0,\"rows_out\":{CountRows(output)},\"bytes\":{new FileInfo(output).Length},\"copy_seconds\":{clock.Elapsed.TotalSeconds:F2}}}"));
        return 0;
    }

    private static long CountRows(string parquetFile)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_parquet('{parquetFile.Replace("'", "''", StringComparison.Ordinal)}')";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
