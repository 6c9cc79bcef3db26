using CsCheck;
using Snowferry.Destinations;
using Snowferry.Service.Allowlists;
using Snowferry.Service.Configuration;
using Snowferry.Transfer;

namespace Snowferry.Service.Tests.Allowlists;

/// <summary><see cref="Allowlist.CheckDestination"/>: every key a transfer could write stays under an allowed prefix.</summary>
public sealed class DestinationCheckTests
{
    private static readonly QualifiedTable s_orders = new("SNOWFERRY", "PUBLIC", "ORDERS_100K");

    private static readonly Allowlist s_allowlist = Allowlist.Create(
        "reporting",
        new ServiceClientOptions { AllowedDestinations = ["s3://bucket/acme/", "s3://bucket/shared/reports/"] },
        "SNOWFERRY",
        "PUBLIC");

    [Theory]
    [InlineData("s3://bucket/acme", null, null)]
    [InlineData("s3://bucket/acme/", null, null)]
    [InlineData("s3://bucket/acme/x/y", null, null)]
    [InlineData("s3://bucket/shared/reports", null, null)]
    [InlineData("s3://bucket", "acme", null)]
    [InlineData("s3://bucket", "/acme/", null)]
    [InlineData("bucket", "acme/daily", null)]
    [InlineData("s3://bucket/acme", "daily/", null)]
    [InlineData("s3://bucket/acme", "a..b", null)]
    [InlineData("s3://bucket/acme", "//x", null)]
    [InlineData("s3://bucket", null, "acme/{table}/{date:yyyy-MM}/{table}.{ext}")]
    [InlineData("s3://bucket/shared", null, "reports/{table}.{ext}")]
    [InlineData("s3://bucket/shared", "reports", "{database}/{schema}/{table}_{timestamp}_{id}.{ext}")]
    [InlineData("s3://bucket/acme", null, "{date:%d}/{table}.{ext}")]
    [InlineData("s3://bucket/acme", null, "{table}..{ext}")]
    public void CheckDestination_UnderAnAllowedPrefix_Allowed(string destination, string? prefix, string? template)
    {
        var decision = s_allowlist.CheckDestination(destination, prefix, template, s_orders);

        Assert.True(decision.IsAllowed, decision.Reason);
        Assert.Null(decision.Reason);
    }

    [Theory]
    // Sibling prefixes, buckets whose name starts the same, case, the bucket root, the prefix's parent.
    [InlineData("s3://bucket/acme-evil", null, null, "writes under s3://bucket/acme-evil/ORDERS_100K/")]
    [InlineData("s3://bucket/acmex/", null, null, "writes under s3://bucket/acmex/ORDERS_100K/")]
    [InlineData("s3://bucket/ACME/", null, null, "writes under s3://bucket/ACME/ORDERS_100K/")]
    [InlineData("s3://bucket2/acme/", null, null, "writes under s3://bucket2/acme/ORDERS_100K/")]
    [InlineData("s3://bucke/acme/", null, null, "writes under s3://bucke/acme/ORDERS_100K/")]
    [InlineData("bucket", null, null, "writes under s3://bucket/ORDERS_100K/")]
    [InlineData("s3://bucket/shared", null, null, "writes under s3://bucket/shared/ORDERS_100K/")]
    [InlineData("s3://bucket/shared", "reports-evil", null, "with prefix 'reports-evil' writes under s3://bucket/shared/reports-evil/ORDERS_100K/")]
    [InlineData("s3://bucket", "acme-evil", null, "writes under s3://bucket/acme-evil/ORDERS_100K/")]
    [InlineData("s3://bucket", null, "acme-evil/{table}.{ext}", "and key template 'acme-evil/{table}.{ext}' writes under s3://bucket/acme-evil/")]
    [InlineData("s3://bucket", null, "{table}/acme/{table}.{ext}", "writes under s3://bucket/ORDERS_100K/acme/")]
    // Climbing out with dot segments, backslashes, escapes and look-alike characters.
    [InlineData("s3://bucket/acme", "../evil", null, "The prefix '../evil' has a '..' segment")]
    [InlineData("s3://bucket/acme", "x/../../evil", null, "The prefix 'x/../../evil' has a '..' segment")]
    [InlineData("s3://bucket/acme", "..", null, "has a '..' segment")]
    [InlineData("s3://bucket/acme", "./x", null, "has a '.' segment")]
    [InlineData("s3://bucket/acme", "..\\evil", null, "has a backslash")]
    [InlineData("s3://bucket/acme", "%2e%2e/evil", null, "has a '%'")]
    [InlineData("s3://bucket/acme", "%252e%252e/evil", null, "has a '%'")]
    [InlineData("s3://bucket/acme", "x%2F..%2F..%2Fevil", null, "has a '%'")]
    [InlineData("s3://bucket/acme", "\uFF0E\uFF0E/evil", null, "(U+FF0E), which Unicode normalisation (NFKC) reads as '.'")]
    [InlineData("s3://bucket/acme", "x\uFF0F..\uFF0Fevil", null, "reads as '/'")]
    [InlineData("s3://bucket/acme", "\uFF052e\uFF052e/evil", null, "reads as '%'")]
    [InlineData("s3://bucket/acme", "..\uFF3Cevil", null, "reads as '\\'")]
    [InlineData("s3://bucket/acme%/evil", null, null, "has a '%' (a percent-encoded escape) in its prefix")]
    [InlineData("s3://bucket/acme", null, "100%/{table}.{ext}", "which has a '%'")]
    [InlineData("s3://bucket/acme", null, "\u2025/{table}.{ext}", "reads as '..'")]
    // Anywhere but S3.
    [InlineData("/tmp/acme", null, null, "The service writes only to S3, not to the local folder '/tmp/acme'")]
    [InlineData("./acme", null, null, "not to the local folder './acme'")]
    [InlineData("../acme", null, null, "not to the local folder '../acme'")]
    [InlineData("file:///tmp/acme", null, null, "not to the local folder 'file:///tmp/acme'")]
    public void CheckDestination_OutsideOrAmbiguous_RefusedSayingWhy(string destination, string? prefix, string? template, string? reason)
    {
        var decision = s_allowlist.CheckDestination(destination, prefix, template, s_orders);

        Assert.False(decision.IsAllowed);
        Assert.NotNull(decision.Reason);
        if (reason is not null)
        {
            Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckDestination_NotUnder_NamesRequestAndEveryAllowedDestination()
    {
        var decision = s_allowlist.CheckDestination("s3://bucket/acme-evil/", null, null, s_orders);

        Assert.Equal(
            "The destination s3://bucket/acme-evil/ writes under s3://bucket/acme-evil/ORDERS_100K/, which is not under any of this client's " +
            "allowed destinations (s3://bucket/acme/, s3://bucket/shared/reports/): write to a destination under one of them.",
            decision.Reason);
    }

    [Theory]
    [InlineData("{table}.{ext}", "../evil", "acme/.._evil.parquet")]
    [InlineData("{table}/{table}.{ext}", "a/b", "acme/a_b/a_b.parquet")]
    [InlineData("{table}.{ext}", "a\\b", "acme/a_b.parquet")]
    [InlineData("{table}.{ext}", "..", "acme/_...parquet")]
    [InlineData("{table}/x.{ext}", "..", "acme/_../x.parquet")]
    [InlineData("x/{table}.{ext}", ".", "acme/x/_..parquet")]
    [InlineData("{table}", "..", "acme/_..")]
    [InlineData(null, "..", "acme/_../_.._20000101T000000Z_00000000.parquet")]
    [InlineData(null, ".", "acme/_./_._20000101T000000Z_00000000.parquet")]
    [InlineData(null, "../evil", "acme/.._evil/.._evil_20000101T000000Z_00000000.parquet")]
    [InlineData(null, "a/b", "acme/a_b/a_b_20000101T000000Z_00000000.parquet")]
    [InlineData(null, "a\\b", "acme/a_b/a_b_20000101T000000Z_00000000.parquet")]
    public void CheckDestination_TableNameWithSlashesOrDots_LibraryMakesOneSafeSegmentAndAllowed(string? template, string table, string key)
    {
        var quoted = new QualifiedTable("SNOWFERRY", "PUBLIC", table);

        var decision = s_allowlist.CheckDestination("s3://bucket/acme", null, template, quoted);

        Assert.True(decision.IsAllowed, decision.Reason);
        Assert.Equal(key, LibraryKeys.All("acme", template is null ? null : LibraryKeys.ExpandTemplate(template, quoted), quoted)[0]);
    }

    [Theory]
    [InlineData(null, "%2e%2e", "makes a '%'")]
    [InlineData(null, "\uFF0E\uFF0E", "reads as '.'")]
    [InlineData("{table}/x.{ext}", "%2e%2e", "which has a '%'")]
    public void CheckDestination_TableNameThatWouldBeAnEscape_Refused(string? template, string table, string reason)
    {
        var decision = s_allowlist.CheckDestination("s3://bucket/acme", null, template, new QualifiedTable("SNOWFERRY", "PUBLIC", table));

        Assert.False(decision.IsAllowed);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://bucket/acme/../evil", null, null, "has a '..' segment")]
    [InlineData("s3://bucket/acme/./x", null, null, "has a '.' segment")]
    [InlineData("s3://bucket/acme//x", null, null, "has an empty segment (two slashes in a row)")]
    [InlineData("s3://bucket//acme", null, null, "has an empty segment (two slashes in a row)")]
    [InlineData("s3://bucket/acme\\..\\evil", null, null, "The key prefix in 's3://bucket/acme\\..\\evil' has a backslash")]
    [InlineData("s3://bucket/acme%2F..%2Fevil", null, null, "has the percent-escape '%2F'")]
    [InlineData("s3://bucket/acme/%2e%2e/evil", null, null, "has the percent-escape '%2e'")]
    [InlineData("s3://bucket/acme", null, "..\\{table}.{ext}", "The key template '..\\{table}.{ext}' writes '..\\', which has a backslash")]
    [InlineData("s3://bucket/acme", null, "%2e%2e/{table}.{ext}", "which has the percent-escape '%2e'")]
    [InlineData("s3://bucket/acme", null, "{date:'%2e%2e'}/{table}.{ext}", "which has the percent-escape '%2e'")]
    [InlineData("", null, null, "The destination is empty")]
    [InlineData("gs://bucket/acme", null, null, "'gs://' destinations are not supported")]
    [InlineData("s3://Bucket/acme", null, null, "no upper-case letters")]
    [InlineData("s3://bucket/acme", null, "../x/{table}", "has an empty, '.' or '..' segment")]
    [InlineData("s3://bucket/acme", null, "x/../../{table}.{ext}", "has an empty, '.' or '..' segment")]
    [InlineData("s3://bucket/acme", null, "./{table}.{ext}", "has an empty, '.' or '..' segment")]
    [InlineData("s3://bucket/acme", null, "{date:'..'}/{table}.{ext}", "has an empty, '.' or '..' segment")]
    [InlineData("s3://bucket/acme", null, "{tabel}.{ext}", "unknown placeholder")]
    public void CheckDestination_LibraryRefusesDestinationOrTemplate_ThrowsWithTheLibrarysMessage(string destination, string? prefix, string? template, string message)
    {
        var error = Assert.Throws<AllowlistException>(() => s_allowlist.CheckDestination(destination, prefix, template, s_orders));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error.InnerException is DestinationException or ArgumentException);
    }

    [Theory]
    [InlineData("{schema}/{table}.{ext}", "..", "SNOWFERRY", "acme/_../T.parquet")]
    [InlineData("{database}/{table}.{ext}", "PUBLIC", "..", "acme/_../T.parquet")]
    [InlineData("{database}/{schema}/{table}.{ext}", ".", ".", "acme/_./_./T.parquet")]
    public void CheckDestination_SchemaOrDatabaseIsADotSegmentInTemplate_LibraryMakesOneSafeSegmentAndAllowed(string template, string schema, string database, string key)
    {
        var table = new QualifiedTable(database, schema, "T");

        var decision = s_allowlist.CheckDestination("s3://bucket/acme", null, template, table);

        Assert.True(decision.IsAllowed, decision.Reason);
        Assert.Equal(key, LibraryKeys.All("acme", LibraryKeys.ExpandTemplate(template, table), table)[0]);
    }

    [Fact]
    public void CheckDestination_NoAllowedDestinations_RefusesEverything()
    {
        var none = Allowlist.Create("nobody", new ServiceClientOptions(), "SNOWFERRY", "PUBLIC");

        var decision = none.CheckDestination("s3://bucket/acme", null, null, s_orders);

        Assert.False(decision.IsAllowed);
        Assert.Contains("(none: AllowedDestinations is empty)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckDestination_WholeBucketAllowed_AllowsAnyPlainKeyButNotOtherBuckets()
    {
        var bucket = Allowlist.Create("c", new ServiceClientOptions { AllowedDestinations = ["s3://bucket/"] }, "SNOWFERRY", "PUBLIC");

        Assert.True(bucket.CheckDestination("bucket", null, null, s_orders).IsAllowed);
        Assert.True(bucket.CheckDestination("s3://bucket/any/where", null, "{table}.{ext}", s_orders).IsAllowed);
        Assert.False(bucket.CheckDestination("s3://bucket2", null, null, s_orders).IsAllowed);
        Assert.False(bucket.CheckDestination("s3://bucket/x", "../..", null, s_orders).IsAllowed);
    }

    [Fact]
    public void CheckDestination_AllowedBucketLongerThanTheRequestedOne_Refused()
    {
        var bucket2 = Allowlist.Create("c", new ServiceClientOptions { AllowedDestinations = ["s3://bucket2/"] }, "SNOWFERRY", "PUBLIC");

        Assert.False(bucket2.CheckDestination("s3://bucket", null, null, s_orders).IsAllowed);
        Assert.False(bucket2.CheckDestination("s3://bucket/2", null, null, s_orders).IsAllowed);
        Assert.True(bucket2.CheckDestination("s3://bucket2", null, null, s_orders).IsAllowed);
    }

    [Fact]
    public void CheckDestination_Generated_NoAllowedKeyLeavesThePrefixUnderAnyReading() =>
        Gen.Select(Pieces.Array[0, 4], Pieces.Array[0, 4], Gen.OneOf(Gen.Const((string[]?)null), Pieces.Array[1, 4].Select(p => (string[]?)p)), Names.Exact)
            .Sample(
                generated =>
                {
                    var (destination, prefix, template, name) = generated;
                    var table = new QualifiedTable("SNOWFERRY", "PUBLIC", name);
                    var templateText = template is null ? null : string.Join('/', template) + ".{ext}";
                    AllowlistDecision decision;
                    try
                    {
                        decision = s_allowlist.CheckDestination("s3://bucket/" + string.Join('/', destination), string.Join('/', prefix), templateText, table);
                    }
                    catch (AllowlistException)
                    {
                        return; // the library refused the destination or the template: nothing is written
                    }

                    if (!decision.IsAllowed)
                    {
                        return;
                    }

                    var address = TransferDestinations.Parse("s3://bucket/" + string.Join('/', destination));
                    var keys = LibraryKeys.All(
                        LibraryKeys.KeyPrefix(address.Prefix, string.Join('/', prefix)),
                        templateText is null ? null : TransferKeyTemplate.Expand(templateText, new TransferKeyValues(LibraryKeys.TableSegment(name), "PUBLIC", "SNOWFERRY", DateTimeOffset.UnixEpoch, "00000000", "parquet")),
                        table);
                    foreach (var key in keys)
                    {
                        Assert.True(key.StartsWith("acme/", StringComparison.Ordinal) || key.StartsWith("shared/reports/", StringComparison.Ordinal), key);
                        var read = LenientKeyReader.Normalise(key);
                        Assert.True(read.StartsWith("acme/", StringComparison.Ordinal) || read.StartsWith("shared/reports/", StringComparison.Ordinal), $"{key} reads as {read}");
                    }
                },
                seed: Names.Seed,
                iter: 5000);

    private static Gen<string> Pieces { get; } = Gen.OneOf(
        "acme", "shared", "reports", "evil", "acme-evil", "..", ".", "", "%2e%2e", "%2F", "a\\..", "..\\", "\uFF0E\uFF0E", "\u2025", "\u2488.", "\uFF0F..", "{table}", "{schema}", "x");
}
