using System.Security.Cryptography;
using Snowferry.Destinations;
using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Testing;
using Snowferry.Tests.Destinations.S3;
using Snowferry.Tests.Output;
using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// Each bad input or unreachable part through the real servers: the exception's type and code, the message's key
/// content (what is wrong, what to do), and that no object was written.
/// </summary>
public sealed class TransferErrorTests(ReliabilityFixture fixture) : IClassFixture<ReliabilityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<PlanException> PlanFailsAsync(string prefix, string table, TransferPlanOptions plan)
    {
        var error = await Assert.ThrowsAsync<PlanException>(
            () => fixture.Transfer.CreateJob(prefix).RunAsync(table, new TransferOptions { Plan = plan }, Ct));
        Assert.Empty(await fixture.KeysAsync(prefix, Ct));
        return error;
    }

    [Fact]
    public async Task RunAsync_UnknownTable_ThrowsTableNotFoundNamingIt()
    {
        var error = await PlanFailsAsync("unknown-table", "NO_SUCH_TABLE", new TransferPlanOptions());

        Assert.Equal(PlanErrorCode.TableNotFound, error.Code);
        Assert.Contains("NO_SUCH_TABLE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("month", "TransferPlanOptions.MonthColumns")]
    [InlineData("key", "TransferPlanOptions.KeyColumns")]
    [InlineData("keep", "TransferPlanOptions.KeepColumns")]
    [InlineData("drop", "TransferPlanOptions.DropColumns")]
    [InlineData("epoch", "TransferPlanOptions.EpochColumns")]
    public async Task RunAsync_UnknownColumnInOption_ThrowsUnknownColumnNamingOptionAndColumn(string option, string flag)
    {
        string[] bad = ["NO_SUCH_COLUMN"];
        var plan = option switch
        {
            "month" => new TransferPlanOptions { MonthColumns = bad },
            "key" => new TransferPlanOptions { KeyColumns = bad },
            "keep" => new TransferPlanOptions { KeepColumns = bad },
            "drop" => new TransferPlanOptions { DropColumns = bad },
            _ => new TransferPlanOptions { EpochColumns = bad },
        };

        var error = await PlanFailsAsync($"unknown-column-{option}", "ORDERS_100K", plan);

        Assert.Equal(PlanErrorCode.UnknownColumn, error.Code);
        Assert.Contains("NO_SUCH_COLUMN", error.Message, StringComparison.Ordinal);
        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ColumnGivenTwoRoles_ThrowsConflictingRoles()
    {
        var error = await PlanFailsAsync("two-roles", "ORDERS_100K", new TransferPlanOptions { KeyColumns = ["O_ORDERKEY"], DropColumns = ["O_ORDERKEY"] });

        Assert.Equal(PlanErrorCode.ConflictingRoles, error.Code);
        Assert.Contains("O_ORDERKEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("one role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoTemporalColumnAndNoneGiven_ThrowsNoMonthColumn()
    {
        var error = await PlanFailsAsync("no-month", "NO_DATES", new TransferPlanOptions());

        Assert.Equal(PlanErrorCode.NoMonthColumn, error.Code);
        Assert.Contains("NO_DATES", error.Message, StringComparison.Ordinal);
        Assert.Contains("TransferPlanOptions.EpochColumns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MonthOptionOnTextColumn_ThrowsNotTemporal()
    {
        var error = await PlanFailsAsync("not-temporal", "ORDERS_100K", new TransferPlanOptions { MonthColumns = ["O_COMMENT"] });

        Assert.Equal(PlanErrorCode.NotTemporal, error.Code);
        Assert.Contains("O_COMMENT", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EMPTY_TABLE")]
    [InlineData("ALL_BLANK")]
    public async Task RunAsync_NoRowsLeft_WritesAZeroRowParquetWithTheFullSchema(string table)
    {
        var report = await fixture.Transfer.CreateJob($"zero-{table}").RunAsync(table, new TransferOptions(), Ct);

        Assert.Equal(0, report.OutputRows);
        Assert.Equal(table == "ALL_BLANK" ? 3 : 0, report.BlankRowsDropped);
        var file = await fixture.Transfer.S3.ReadObjectAsync(report.FileName, Ct);
        Assert.NotNull(file);
        using var temp = new TempDirectory();
        using var parquet = new ParquetReader(temp.Path, file);
        Assert.Equal("0", Assert.Single(parquet.Query("SELECT COUNT(*) FROM read_parquet({file})"))[0]);
        var types = parquet.Types();
        Assert.Equal(["D", "NAME", "AMOUNT", "RATIO"], types.Keys);
        Assert.Equal("DATE", types["D"]);
        Assert.Equal("VARCHAR", types["NAME"]);
        Assert.Equal("DECIMAL(38,2)", types["AMOUNT"]);
        Assert.Equal("DOUBLE", types["RATIO"]);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    [InlineData("json")]
    public async Task RunAsync_AllBlankTableAsText_WritesAnEmptyButValidFile(string format)
    {
        var report = await fixture.Transfer.CreateJob($"zero-text-{format}").RunAsync("ALL_BLANK", new TransferOptions { Format = format }, Ct);

        Assert.Equal(0, report.OutputRows);
        var text = System.Text.Encoding.UTF8.GetString((await fixture.Transfer.S3.ReadObjectAsync(report.FileName, Ct))!);
        var expected = format switch
        {
            "csv" => "D,NAME,AMOUNT,RATIO\r\n",
            "jsonl" => "",
            _ => "[]",
        };
        Assert.Equal(expected, format == "csv" ? text : text.TrimEnd('\n'));
    }

    [Fact]
    public async Task RunAsync_BinaryVariantAndTimeColumns_AreWrittenAsKeys()
    {
        await fixture.ExecuteAsync("CREATE OR REPLACE TABLE ODD_TYPES (D DATE, B BINARY, V VARIANT, T TIME, N NUMBER(10,0))", Ct);
        await fixture.ExecuteAsync("INSERT INTO ODD_TYPES SELECT '2024-01-05'::DATE, '00FF'::BINARY, '{\"a\":1}'::VARIANT, '10:00:00'::TIME, 1", Ct);

        var report = await fixture.Transfer.CreateJob("odd-types").RunAsync("ODD_TYPES", new TransferOptions(), Ct);

        // The contract: binary and semi-structured are keys; TIME (a time of day, not a date) is a key too, never a month.
        Assert.Equal(1, report.OutputRows);
        Assert.Equal(["month", "key", "key", "key", "sum"], report.Columns.Select(c => c.Role));
        Assert.NotNull(await fixture.Transfer.S3.ReadObjectAsync(report.FileName, Ct));
    }

    [Theory]
    [InlineData("GEOGRAPHY")]
    [InlineData("GEOMETRY")]
    [InlineData("VECTOR")]
    public void Plan_GeospatialOrVectorColumn_ThrowsUnsupportedTypeWithTheWayOut(string type)
    {
        var table = TableName.Parse("DB.PUBLIC.PLACES");
        SourceColumn[] columns = [new("D", "DATE", null, null, 1), new("SHAPE", type, null, null, 2)];

        var error = Assert.Throws<PlanException>(() => TransferPlanner.Plan(table, columns));

        Assert.Equal(PlanErrorCode.UnsupportedType, error.Code);
        Assert.Contains("SHAPE", error.Message, StringComparison.Ordinal);
        Assert.Contains("TransferPlanOptions.DropColumns", error.Message, StringComparison.Ordinal);
        Assert.Equal(["D"], TransferPlanner.Plan(table, columns, new TransferPlanOptions { DropColumns = ["SHAPE"] }).OutputSchema.Select(c => c.Name));
    }

    [Fact]
    public async Task RunAsync_KeyNotRegistered_ThrowsSnowflake401NamingConnectionAndKeyFile()
    {
        using var temp = new TempDirectory();
        var keyPath = Path.Combine(temp.Path, "unregistered_key.p8");
        using (var other = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyPath, other.ExportPkcs8PrivateKeyPem(), Ct);
        }

        var (job, http) = fixture.CreateJob(fixture.Transfer.Settings with { PrivateKeyFile = keyPath }, "unregistered-key");
        using (http)
        {
            var error = await Assert.ThrowsAsync<SnowflakeException>(() => job.RunAsync("ORDERS_100K", new TransferOptions(), Ct));

            Assert.Equal(401, error.HttpStatus);
            Assert.Contains(keyPath, error.Message, StringComparison.Ordinal);
            Assert.Contains($"connection '{fixture.Transfer.Settings.Name}'", error.Message, StringComparison.Ordinal);
            Assert.Contains("RSA_PUBLIC_KEY", error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await fixture.KeysAsync("unregistered-key", Ct));
    }

    [Fact]
    public async Task RunAsync_KeyFileMissing_ThrowsConfigurationErrorNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"snowferry-missing-{Guid.NewGuid():N}.p8");

        var error = await Assert.ThrowsAsync<SnowflakeConfigurationException>(async () =>
        {
            var (job, http) = fixture.CreateJob(fixture.Transfer.Settings with { PrivateKeyFile = missing }, "missing-key");
            using (http)
            {
                await job.RunAsync("ORDERS_100K", new TransferOptions(), Ct);
            }
        });

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Connection '{fixture.Transfer.Settings.Name}': ", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.KeysAsync("missing-key", Ct));
    }

    [Fact]
    public async Task RunAsync_SnowflakeUnreachable_ThrowsSnowflakeExceptionNamingTheUrl()
    {
        var port = ReliabilityFixture.ClosedPort();
        var settings = fixture.Transfer.Settings with { Host = "127.0.0.1", Port = port, Protocol = "http" };
        var (job, http) = fixture.CreateJob(settings, "unreachable-snowflake");
        using (http)
        {
            var error = await Assert.ThrowsAsync<SnowflakeException>(() => job.RunAsync("ORDERS_100K", new TransferOptions(), Ct));

            Assert.Contains($"Could not reach Snowflake at http://127.0.0.1:{port}/", error.Message, StringComparison.Ordinal);
            Assert.Contains("host and port", error.Message, StringComparison.Ordinal);
            Assert.True(error.IsTransient);
        }

        Assert.Empty(await fixture.KeysAsync("unreachable-snowflake", Ct));
    }

    [Fact]
    public async Task RunAsync_BucketDoesNotExist_ThrowsDestinationNotFound()
    {
        var (job, http) = fixture.CreateJob(fixture.Transfer.Settings, "", bucket: "no-such-bucket-snowferry");
        using (http)
        {
            var error = await Assert.ThrowsAsync<DestinationException>(() => job.RunAsync("ORDERS_100K", new TransferOptions(), Ct));

            Assert.Equal(DestinationErrorKind.NotFound, error.Kind);
            Assert.Contains("no-such-bucket-snowferry", error.Message, StringComparison.Ordinal);
            Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_AccessDenied_ThrowsDestinationAccessDeniedAndWritesNothing(bool denyReads)
    {
        // Without s3:ListBucket S3 answers the early existence check with 403 too: the transfer then relies on the
        // conditional write, and it is the write itself that is refused.
        using var denying = new DenyingS3Client(fixture.Transfer.S3.Credentials, fixture.Transfer.S3.CreateConfig()) { DenyReads = denyReads };
        var prefix = $"denied-{denyReads}";
        var (job, http) = fixture.CreateJob(fixture.Transfer.Settings, prefix, denying);
        using (http)
        {
            var error = await Assert.ThrowsAsync<DestinationException>(() => job.RunAsync("ORDERS_100K", new TransferOptions(), Ct));

            Assert.Equal(DestinationErrorKind.AccessDenied, error.Kind);
            Assert.Contains("Access denied", error.Message, StringComparison.Ordinal);
            Assert.Contains("s3:PutObject", error.Message, StringComparison.Ordinal);
            Assert.Contains("AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, denying.WritesAttempted);
        Assert.Empty(await fixture.KeysAsync(prefix, Ct));
    }

    [Fact]
    public async Task RunAsync_S3Unreachable_ThrowsDestinationExceptionWithTheFix()
    {
        var config = fixture.Transfer.S3.CreateConfig();
        config.ServiceURL = $"http://127.0.0.1:{ReliabilityFixture.ClosedPort()}";
        config.MaxErrorRetry = 0;
        using var s3 = new Amazon.S3.AmazonS3Client(fixture.Transfer.S3.Credentials, config);
        var (job, http) = fixture.CreateJob(fixture.Transfer.Settings, "unreachable-s3", s3);
        using (http)
        {
            var error = await Assert.ThrowsAsync<DestinationException>(() => job.RunAsync("ORDERS_100K", new TransferOptions(), Ct));

            Assert.Equal(DestinationErrorKind.Failed, error.Kind);
            Assert.Contains("Could not reach S3", error.Message, StringComparison.Ordinal);
            Assert.Contains("AWS_ENDPOINT_URL_S3", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("s3://Bad_Bucket!/exports")]
    [InlineData("s3://ab")]
    [InlineData("s3://good-bucket/a/../b")]
    [InlineData("s3://good-bucket/a//b")]
    [InlineData("ftp://good-bucket/x")]
    public async Task TransferAsync_MalformedBucketOrPrefix_ThrowsInvalidAddressBeforeConnecting(string destination)
    {
        // The static front door: the address is refused before its shared data source loads any connection.
        var error = await Assert.ThrowsAsync<DestinationException>(() => SnowferryTransfer.TransferAsync("ORDERS_100K", destination, new TransferOptions(), Ct));

        Assert.Equal(DestinationErrorKind.InvalidAddress, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task RunAsync_UnknownFormat_ThrowsArgumentExceptionListingTheFormats()
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(
            () => fixture.Transfer.CreateJob("unknown-format").RunAsync("ORDERS_100K", new TransferOptions { Format = "xlsx" }, Ct));

        Assert.Contains("xlsx", error.Message, StringComparison.Ordinal);
        foreach (var name in s_outputFormatNames)
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await fixture.KeysAsync("unknown-format", Ct));
    }

    private static readonly string[] s_outputFormatNames = ["parquet", "csv", "jsonl", "json"];
}
