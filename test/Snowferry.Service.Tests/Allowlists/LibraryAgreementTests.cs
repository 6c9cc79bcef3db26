using System.Text.RegularExpressions;
using Amazon.Runtime;
using Snowferry.Service.Allowlists;
using Snowferry.Testing;
using Snowferry.Transfer;
using Snowferry.Unload;

namespace Snowferry.Service.Tests.Allowlists;

/// <summary>
/// The allowlists check what the library will do, so they must read names and build keys as it does: checked through
/// the library's public API against the local Snowflake, with tables whose names hold dots, quotes, slashes and stars.
/// </summary>
public sealed partial class LibraryAgreementTests(LocalSnowflakeFixture snowflake) : IClassFixture<LocalSnowflakeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> OddNames => ["A.B", "x\"y", "../evil", "a/b", "a\\b", "ORDERS_*", "My Table", ".."];

    [Theory]
    [MemberData(nameof(OddNames))]
    public async Task ToSql_OddTableName_PlannerResolvesTheSameTable(string name)
    {
        using var source = CreateDataSource();
        var (database, schema) = await CreateTableAsync(source, name);
        var table = new QualifiedTable(database, schema, name);

        var plan = await source.PlanAsync(table.ToSql(), cancellationToken: Ct);
        var shortPlan = await source.PlanAsync(QualifiedTable.Quote(name), cancellationToken: Ct);

        Assert.Equal(table.ToString(), plan.SourceTable);
        Assert.Equal(table.ToString(), shortPlan.SourceTable);
        Assert.Equal(table, QualifiedTable.Parse(QualifiedTable.Quote(name), database, schema));
    }

    [Theory]
    [InlineData("../evil", null)]
    [InlineData("a/b", null)]
    [InlineData("a\\b", null)]
    [InlineData("A.B", null)]
    [InlineData("..", null)]
    [InlineData(".", null)]
    [InlineData("..", "{table}/{table}.{ext}")]
    [InlineData("../evil", "{database}/{schema}/{table}/{table}.{ext}")]
    [InlineData("a/b", "out/{table}.{ext}")]
    public async Task LibraryKeys_StreamedFile_AreTheKeysTheLibraryWrites(string name, string? template)
    {
        using var source = CreateDataSource();
        using var folder = new TempDirectory();
        var (database, schema) = await CreateTableAsync(source, name);
        var table = new QualifiedTable(database, schema, name);

        var report = await source.TransferAsync(table.ToSql(), new Uri(folder.Path).AbsoluteUri, new TransferOptions { KeyTemplate = template }, Ct);
        var predicted = LibraryKeys.All("", template is null ? null : LibraryKeys.ExpandTemplate(template, table), table);

        Assert.Equal(predicted[0], template is null ? RunStamp().Replace(report.FileName, "_20000101T000000Z_00000000.") : report.FileName);
        Assert.Equal(report.FileName + Snowferry.Manifest.TransferManifest.KeySuffix, report.ManifestFileName);
        Assert.Equal(predicted[1], template is null ? RunStamp().Replace(report.ManifestFileName!, "_20000101T000000Z_00000000.") : report.ManifestFileName);
    }

    [Theory]
    [InlineData("../evil", "s3://bucket/acme", null, "acme/.._evil/")]
    [InlineData("a/b", "s3://bucket/acme", "daily", "acme/daily/a_b/")]
    [InlineData("..", "s3://bucket/acme", null, "acme/_../")]
    [InlineData(".", "s3://bucket/acme", "daily/", "acme/daily/_./")]
    [InlineData("T", "s3://bucket/acme/", "/daily/", "acme/daily/T/")]
    public async Task LibraryKeys_UnloadRunFolder_IsTheFolderTheLibraryUnloadsTo(string name, string destination, string? prefix, string folder)
    {
        using var source = CreateDataSource();
        var (database, schema) = await CreateTableAsync(source, name);
        var table = new QualifiedTable(database, schema, name);
        var options = new TransferOptions { Mode = TransferMode.Unload, StorageIntegration = "S3_INTEGRATION", KeyPrefix = prefix };

        var statement = await source.DryRunAsync(table.ToSql(), destination, options, Ct);
        var predicted = LibraryKeys.All(LibraryKeys.KeyPrefix(Snowferry.Destinations.TransferDestinations.Parse(destination).Prefix, prefix), null, table);

        Assert.Contains($"COPY INTO 's3://bucket/{folder}run-", statement, StringComparison.Ordinal);
        Assert.StartsWith(folder + "run-", predicted[2], StringComparison.Ordinal);
        Assert.StartsWith(folder + "run-", predicted[3], StringComparison.Ordinal);
    }

    private SnowferryDataSource CreateDataSource() => new SnowferryDataSourceBuilder()
        .UseConnection(snowflake.Host.ConnectionName, snowflake.Host.ConnectionsFilePath)
        // An unload's dry run names the bucket but never calls S3: an unreachable endpoint proves it.
        .UseS3Endpoint(new Uri("http://127.0.0.1:9"))
        .UseS3Region("us-east-1")
        .UseS3Credentials(new BasicAWSCredentials("unused", "unused"))
        .Build();

    /// <summary>Creates a one-row table named <paramref name="name"/> (exact) in the session's schema; returns the session's database and schema.</summary>
    private static async Task<(string Database, string Schema)> CreateTableAsync(SnowferryDataSource source, string name)
    {
        var client = source.Snowflake.Client;
        var quoted = QualifiedTable.Quote(name);
        await client.ExecuteAsync($"CREATE OR REPLACE TABLE {quoted} (D DATE, V NUMBER(10,2))", cancellationToken: Ct);
        await client.ExecuteAsync($"INSERT INTO {quoted} VALUES ('2024-01-15', 1.50)", cancellationToken: Ct);
        var result = await client.ExecuteAsync("SELECT CURRENT_DATABASE(), CURRENT_SCHEMA()", cancellationToken: Ct);
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            return (batch.GetValue<string>(0, 0), batch.GetValue<string>(0, 1));
        }

        throw new InvalidOperationException("CURRENT_DATABASE() returned no row.");
    }

    [GeneratedRegex(@"_\d{8}T\d{6}Z_[0-9a-f]{8}\.")]
    private static partial Regex RunStamp();
}
