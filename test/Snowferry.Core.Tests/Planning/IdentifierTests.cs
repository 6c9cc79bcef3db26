using Snowferry.Planning;
using Snowferry.Testing;
using Snowferry.Tests.Output;
using Snowferry.Tests.Transfer;
using Snowferry.Transfer;

namespace Snowferry.Tests.Planning;

/// <summary>
/// Hostile and unusual names against the local Snowflake: each resolves to exactly the identifier it names (and the file
/// carries exactly that column name) or fails with a clear error, and nothing the user did not name is ever executed
/// (the table <c>VICTIM</c> still holds its row afterwards).
/// </summary>
public sealed class IdentifierTests(IdentifierTests.Tables fixture) : IClassFixture<IdentifierTests.Tables>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The reliability fixture plus a table per awkward name, and the table an injection would drop.</summary>
    public sealed class Tables : IAsyncLifetime
    {
        public ReliabilityFixture Reliability { get; } = new();

        public async ValueTask InitializeAsync()
        {
            await Reliability.InitializeAsync();
            var ct = TestContext.Current.CancellationToken;
            foreach (var sql in (string[])[
                "CREATE OR REPLACE TABLE VICTIM (D DATE, N NUMBER(10,0))",
                "INSERT INTO VICTIM VALUES ('2024-01-01', 1)",
                "CREATE OR REPLACE TABLE \"X; DROP TABLE VICTIM\" (D DATE, \"c; DROP TABLE VICTIM\" NUMBER(10,0), AMOUNT NUMBER(10,2))",
                "INSERT INTO \"X; DROP TABLE VICTIM\" VALUES ('2024-01-05', 7, 1.50), ('2024-01-20', 7, 2.50), ('2024-02-01', 8, 3.00)",
                "CREATE OR REPLACE TABLE \"a\"\"b\" (D DATE, \"c\"\"d\" VARCHAR, AMOUNT NUMBER(10,2))",
                "INSERT INTO \"a\"\"b\" VALUES ('2024-01-05', 'x', 1.50), ('2024-01-20', 'x', 2.50), ('2024-02-01', 'y', 3.00)",
                "CREATE OR REPLACE TABLE \"with space\" (\"order date\" DATE, \"the amount\" NUMBER(10,2))",
                "INSERT INTO \"with space\" VALUES ('2024-01-05', 1.50), ('2024-02-01', 3.00)",
                "CREATE OR REPLACE TABLE \"my.table\" (\"d.day\" DATE, \"a.b\" NUMBER(10,2))",
                "INSERT INTO \"my.table\" VALUES ('2024-01-05', 1.50), ('2024-02-01', 3.00)",
                "CREATE OR REPLACE TABLE \"Ünïcødé 表\" (\"日付\" DATE, \"Straße\" VARCHAR, \"金额\" NUMBER(10,2))",
                "INSERT INTO \"Ünïcødé 表\" VALUES ('2024-01-05', 'ß', 1.50), ('2024-02-01', 'ß', 3.00)",
                "CREATE OR REPLACE TABLE \"lower_t\" (\"d\" DATE, \"n\" NUMBER(10,0))",
                "INSERT INTO \"lower_t\" VALUES ('2024-01-05', 1), ('2024-02-01', 2)",
            ])
            {
                await Reliability.ExecuteAsync(sql, ct);
            }
        }

        public ValueTask DisposeAsync() => Reliability.DisposeAsync();
    }

    private async Task AssertVictimIntactAsync()
    {
        var (_, rows) = await fixture.Reliability.Transfer.QueryAsync("SELECT COUNT(*) FROM VICTIM", Ct);
        Assert.Equal("1", Convert.ToString(rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string[]> ParquetColumnsAsync(string key)
    {
        using var temp = new TempDirectory();
        using var parquet = new ParquetReader(temp.Path, (await fixture.Reliability.Transfer.S3.ReadObjectAsync(key, Ct))!);
        return [.. parquet.Types().Keys];
    }

    [Theory]
    [InlineData("\"X; DROP TABLE VICTIM\"", "\"c; DROP TABLE VICTIM\"", new[] { "D", "c; DROP TABLE VICTIM", "AMOUNT" }, 2)]
    [InlineData("\"a\"\"b\"", "\"c\"\"d\"", new[] { "D", "c\"d", "AMOUNT" }, 2)]
    [InlineData("\"with space\"", null, new[] { "order date", "the amount" }, 2)]
    [InlineData("PUBLIC.\"my.table\"", null, new[] { "d.day", "a.b" }, 2)]
    [InlineData("\"Ünïcødé 表\"", "\"Straße\"", new[] { "日付", "Straße", "金额" }, 2)]
    [InlineData("\"lower_t\"", "\"n\"", new[] { "d", "n" }, 2)]
    public async Task RunAsync_QuotedAwkwardName_ResolvesToExactlyThatIdentifier(string table, string? keyColumn, string[] columns, int rows)
    {
        var prefix = $"ident-{Guid.NewGuid():N}";
        var options = new TransferOptions { Plan = new TransferPlanOptions { KeyColumns = keyColumn is null ? [] : [keyColumn] } };

        var report = await fixture.Reliability.Transfer.CreateJob(prefix).RunAsync(table, options, Ct);

        Assert.Equal(rows, report.OutputRows);
        Assert.Equal(columns, await ParquetColumnsAsync(report.FileName));
        Assert.Equal(columns, report.Columns.Select(c => c.Name));
        await AssertVictimIntactAsync();
    }

    [Theory]
    [InlineData("X; DROP TABLE VICTIM")]
    [InlineData("VICTIM; DROP TABLE VICTIM")]
    [InlineData("VICTIM\"; DROP TABLE VICTIM; --")]
    [InlineData("\"unterminated")]
    [InlineData("a.b.c.d")]
    [InlineData("")]
    public async Task RunAsync_InvalidTableName_ThrowsInvalidIdentifierAndExecutesNothing(string table)
    {
        var prefix = $"bad-ident-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<InvalidIdentifierException>(
            () => fixture.Reliability.Transfer.CreateJob(prefix).RunAsync(table, new TransferOptions(), Ct));

        Assert.Equal(PlanErrorCode.InvalidIdentifier, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Empty(await fixture.Reliability.KeysAsync(prefix, Ct));
        await AssertVictimIntactAsync();
    }

    [Theory]
    [InlineData("N; DROP TABLE VICTIM")]
    [InlineData("N\"; DROP TABLE VICTIM; --")]
    public async Task RunAsync_InjectionInColumnOption_ThrowsInvalidIdentifierNamingTheOption(string column)
    {
        var options = new TransferOptions { Plan = new TransferPlanOptions { KeyColumns = [column] } };

        var error = await Assert.ThrowsAsync<InvalidIdentifierException>(
            () => fixture.Reliability.Transfer.CreateJob("bad-column").RunAsync("VICTIM", options, Ct));

        Assert.Contains("TransferPlanOptions.KeyColumns", error.Message, StringComparison.Ordinal);
        await AssertVictimIntactAsync();
    }

    [Theory]
    [InlineData("lower_t")]
    [InlineData("my.table")]
    [InlineData("\"x; drop table victim\"")]
    public async Task RunAsync_NameThatFoldsOrSplitsDifferently_IsNotFoundRatherThanGuessed(string table)
    {
        // Unquoted lower_t folds to LOWER_T, my.table is schema MY and table TABLE, and quoted names are case-sensitive.
        var error = await Assert.ThrowsAsync<PlanException>(
            () => fixture.Reliability.Transfer.CreateJob("folded").RunAsync(table, new TransferOptions(), Ct));

        Assert.Equal(PlanErrorCode.TableNotFound, error.Code);
        await AssertVictimIntactAsync();
    }
}
