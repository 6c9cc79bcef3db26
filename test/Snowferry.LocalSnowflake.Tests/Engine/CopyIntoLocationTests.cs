using System.Globalization;
using System.IO.Compression;
using System.Text;
using DuckDB.NET.Data;
using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Samples;
using Snowferry.Testing;

namespace Snowferry.LocalSnowflake.Tests.Engine;

/// <summary>COPY INTO 's3://…' against the real local S3 server (fauxqs): files, names, splitting, output rows, errors.</summary>
public sealed class CopyIntoLocationTests : IClassFixture<LocalS3Fixture>, IDisposable
{
    private const string Integration = "SNOWFERRY_LOCAL_S3";
    private readonly LocalS3Fixture _s3;
    private readonly LocalEngine _engine;
    private readonly string _prefix = "engine-" + Guid.NewGuid().ToString("N")[..8] + "/";

    public CopyIntoLocationTests(LocalS3Fixture s3)
    {
        _s3 = s3;
        _engine = new LocalEngine(new LocalEngineOptions
        {
            StorageIntegrations = new Dictionary<string, LocalStorageIntegration>(StringComparer.Ordinal)
            {
                [Integration] = new()
                {
                    ServiceUrl = s3.ServiceUrl,
                    AccessKeyId = s3.Server.Options.AccessKeyId,
                    SecretAccessKey = s3.Server.Options.SecretAccessKey,
                },
            },
        });
        SampleTables.Create(_engine, 0.001, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Url => $"s3://{_s3.Bucket}/{_prefix}";

    [Fact]
    public async Task Execute_ParquetWithSmallMaxFileSize_WritesSeveralFilesMatchingDetailedOutput()
    {
        var (columns, rows) = Run($"""
            COPY INTO '{Url}' FROM (SELECT USERID, MOVIEID, RATING FROM MOVIE_RATINGS_27M ORDER BY 1, 2)
            STORAGE_INTEGRATION = SNOWFERRY_LOCAL_S3 FILE_FORMAT = (TYPE = PARQUET) HEADER = TRUE MAX_FILE_SIZE = 40000 DETAILED_OUTPUT = TRUE
            """, "q-1");

        Assert.Equal(["FILE_NAME", "FILE_SIZE", "ROW_COUNT"], columns.Select(c => c.Name));
        Assert.Equal(["text", "fixed", "fixed"], columns.Select(c => c.Type));
        Assert.True(rows.Count > 1, $"expected several files, got {rows.Count}");
        Assert.Equal(rows.Select((_, i) => $"data_0_0_{i}.snappy.parquet"), rows.Select(r => r[0]));
        var keys = await _s3.ListKeysAsync(_prefix, Ct);
        Assert.Equal(rows.Select(r => _prefix + r[0]).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));

        long total = 0;
        decimal ratings = 0;
        foreach (var row in rows)
        {
            var bytes = (await _s3.ReadObjectAsync(_prefix + row[0], Ct))!;
            Assert.Equal(long.Parse(row[1]!, CultureInfo.InvariantCulture), bytes.Length);
            var (count, sum, names) = ReadParquet(bytes);
            Assert.Equal(long.Parse(row[2]!, CultureInfo.InvariantCulture), count);
            Assert.Equal(["USERID", "MOVIEID", "RATING"], names);
            total += count;
            ratings += sum;
        }

        Assert.Equal(Scalar("SELECT COUNT(*) FROM MOVIE_RATINGS_27M"), total.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(decimal.Parse(Scalar("SELECT SUM(RATING) FROM MOVIE_RATINGS_27M")!, CultureInfo.InvariantCulture), ratings);
    }

    [Fact]
    public void Execute_DefaultOutput_ReturnsOneSummaryRow()
    {
        var (columns, rows) = Run($"COPY INTO '{Url}' FROM (SELECT O_ORDERKEY FROM ORDERS_100K) STORAGE_INTEGRATION = \"{Integration}\" FILE_FORMAT = (TYPE = PARQUET)");

        Assert.Equal(["rows_unloaded", "input_bytes", "output_bytes"], columns.Select(c => c.Name));
        var row = Assert.Single(rows);
        Assert.Equal(Scalar("SELECT COUNT(*) FROM ORDERS_100K"), row[0]);
        Assert.True(long.Parse(row[2]!, CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Execute_ZeroRows_WritesNoFile()
    {
        var (_, detailed) = Run($"COPY INTO '{Url}' FROM (SELECT O_ORDERKEY, O_ORDERDATE FROM ORDERS_100K WHERE 1 = 0) STORAGE_INTEGRATION = {Integration} FILE_FORMAT = (TYPE = PARQUET) DETAILED_OUTPUT = TRUE");
        var (_, summary) = Run($"COPY INTO '{Url}' FROM (SELECT O_ORDERKEY, O_ORDERDATE FROM ORDERS_100K WHERE 1 = 0) STORAGE_INTEGRATION = {Integration} FILE_FORMAT = (TYPE = CSV)");

        Assert.Empty(detailed);
        Assert.Equal(["0", "0", "0"], Assert.Single(summary));
        Assert.Empty(await _s3.ListKeysAsync(_prefix, Ct));
    }

    [Fact]
    public async Task Execute_CsvGzipWithHeaderAndQueryId_WritesSnowflakeNamedTextFile()
    {
        Run("CREATE TABLE T (ID NUMBER(10,0), NAME VARCHAR, D DATE)");
        Run("INSERT INTO T VALUES (1, 'a', '2024-01-31'), (2, NULL, NULL)");

        var (_, rows) = Run($"COPY INTO '{Url}out' FROM (SELECT * FROM T ORDER BY ID) STORAGE_INTEGRATION = {Integration} FILE_FORMAT = (TYPE = CSV COMPRESSION = GZIP) HEADER = TRUE INCLUDE_QUERY_ID = TRUE DETAILED_OUTPUT = TRUE", "01b2-query");

        var name = Assert.Single(rows)[0];
        Assert.Equal("out_01b2-query_0_0_0.csv.gz", name);
        var bytes = (await _s3.ReadObjectAsync(_prefix + name, Ct))!;
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        Assert.Equal("ID,NAME,D\n1,a,2024-01-31\n2,\\N,\\N\n", (await reader.ReadToEndAsync(Ct)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Execute_ExistingFileWithoutOverwrite_FailsAndOverwriteReplacesIt()
    {
        var sql = $"COPY INTO '{Url}' FROM (SELECT 1 AS X) STORAGE_INTEGRATION = {Integration} FILE_FORMAT = (TYPE = PARQUET)";
        Run(sql);

        var error = Assert.Throws<SnowflakeSqlException>(() => Run(sql));
        Run(sql + " OVERWRITE = TRUE");

        Assert.Contains("Files already existing", error.Message, StringComparison.Ordinal);
        Assert.Single(await _s3.ListKeysAsync(_prefix, Ct));
    }

    [Theory]
    [InlineData("SELECT CAST('2024-01-01 00:00:00 +01:00' AS TIMESTAMP_TZ) AS T", "FILE_FORMAT = (TYPE = PARQUET)", "0A000", "TIMESTAMP_TZ")]
    [InlineData("SELECT 1 AS X", "STORAGE_INTEGRATION = NOPE FILE_FORMAT = (TYPE = PARQUET)", "02000", "Integration 'NOPE' does not exist")]
    [InlineData("SELECT 1 AS X", "CREDENTIALS = (AWS_KEY_ID = 'k' AWS_SECRET_KEY = 's')", "0A000", "STORAGE_INTEGRATION")]
    [InlineData("SELECT 1 AS X", "MAX_FILE_SIZE = 6000000000", "22023", "MAX_FILE_SIZE")]
    public async Task Execute_RefusedUnload_FailsAsSnowflakeAndWritesNothing(string query, string options, string sqlState, string message)
    {
        var integration = options.Contains("STORAGE_INTEGRATION", StringComparison.Ordinal) || options.Contains("CREDENTIALS", StringComparison.Ordinal)
            ? ""
            : $"STORAGE_INTEGRATION = {Integration} ";

        var error = Assert.Throws<SnowflakeSqlException>(() => Run($"COPY INTO '{Url}' FROM ({query}) {integration}{options}"));

        Assert.Equal(sqlState, error.SqlState);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(await _s3.ListKeysAsync(_prefix, Ct));
    }

    private (IReadOnlyList<EngineColumn> Columns, List<string?[]> Rows) Run(string sql, string? queryId = null)
    {
        using var result = _engine.Execute(sql, new EngineContext { Database = "SNOWFERRY", Schema = "PUBLIC", QueryId = queryId }, Ct);
        return (result.Columns, result.Rows.ToList());
    }

    private string? Scalar(string sql) => Assert.Single(Run(sql).Rows)[0];

    private static (long Count, decimal Sum, List<string> Names) ReadParquet(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "snowferry-unload-test-" + Guid.NewGuid().ToString("N") + ".parquet");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*), coalesce(sum(\"RATING\"), 0)::DECIMAL(38,1) FROM read_parquet('{path}')";
            using var reader = command.ExecuteReader();
            reader.Read();
            var result = (reader.GetInt64(0), reader.GetDecimal(1));
            using var describe = connection.CreateCommand();
            describe.CommandText = $"SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))";
            using var names = describe.ExecuteReader();
            var list = new List<string>();
            while (names.Read())
            {
                list.Add(names.GetString(0));
            }

            return (result.Item1, result.Item2, list);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose()
    {
        _engine.Dispose();
        GC.SuppressFinalize(this);
    }
}
