using DuckDB.NET.Data;

namespace Snowferry.Tests.Output;

/// <summary>Reads Parquet back with DuckDB's <c>read_parquet</c>: an independent reader (DuckDB's own C++ Parquet code).</summary>
internal sealed class ParquetReader : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _path;

    public ParquetReader(string directory, byte[] file)
    {
        _path = Path.Combine(directory, $"{Guid.NewGuid():N}.parquet");
        File.WriteAllBytes(_path, file);
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
    }

    /// <summary>Runs a query where <c>{file}</c> stands for the file's quoted path; every cell as text (NULL as null).</summary>
    public List<string?[]> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql.Replace("{file}", $"'{_path}'", StringComparison.Ordinal);
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Column name → DuckDB type, from <c>DESCRIBE</c>.</summary>
    public Dictionary<string, string> Types() =>
        Query("DESCRIBE SELECT * FROM read_parquet({file})").ToDictionary(r => r[0]!, r => r[1]!);

    public void Dispose() => _connection.Dispose();
}
