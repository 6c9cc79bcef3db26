using Snowferry.Manifest;
using Snowferry.Testing;
using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// What a transfer asks S3, seen by the recording proxy in front of fauxqs: whether a key exists, once, before writing
/// it; the overwrite guard on every write that publishes.
/// </summary>
public sealed class TransferChecksTests(FaultFixture fixture) : IClassFixture<FaultFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_Default_AsksWhetherEachKeyExistsOnce()
    {
        fixture.Proxy.Reset();

        var report = await fixture.CreateJob("exists-once").RunAsync("LOCATIONS_595", new TransferOptions(), Ct);

        Assert.Equal(1, HeadsBeforePublishing(report.FileName));
        Assert.Equal(1, HeadsBeforePublishing(report.FileName + TransferManifest.KeySuffix));
        var publishing = fixture.Proxy.Records.Where(r => r.Operation is S3Operation.PutObject or S3Operation.CompleteMultipartUpload && r.Status == 200).ToList();
        Assert.Equal(2, publishing.Count);
        Assert.All(publishing, r => Assert.Equal("*", r.IfNoneMatch));
    }

    [Fact]
    public async Task RunAsync_Overwrite_AsksOnceToReportWhetherItReplacedAndSendsNoGuard()
    {
        var first = await fixture.CreateJob("exists-overwrite").RunAsync("LOCATIONS_595", new TransferOptions { KeyTemplate = "{table}.{ext}" }, Ct);
        fixture.Proxy.Reset();

        var report = await fixture.CreateJob("exists-overwrite").RunAsync("LOCATIONS_595", new TransferOptions { KeyTemplate = "{table}.{ext}", Overwrite = true }, Ct);

        Assert.Equal(first.FileName, report.FileName);
        Assert.True(report.Overwrote);
        Assert.Equal(1, HeadsBeforePublishing(report.FileName));
        Assert.Equal(0, HeadsBeforePublishing(report.FileName + TransferManifest.KeySuffix));
        Assert.All(
            fixture.Proxy.Records.Where(r => r.Operation is S3Operation.PutObject or S3Operation.CompleteMultipartUpload),
            r => Assert.Null(r.IfNoneMatch));
    }

    /// <summary>The HEADs of <paramref name="key"/> before the write that published it (the one after is the size check).</summary>
    private int HeadsBeforePublishing(string key)
    {
        var records = fixture.Proxy.Records.Where(r => fixture.KeyOf(r) == key).ToList();
        var published = records.FindIndex(r => r.Operation is S3Operation.PutObject or S3Operation.CompleteMultipartUpload);
        Assert.True(published >= 0, $"{key} was not written");
        return records.Take(published).Count(r => r.Operation == S3Operation.HeadObject);
    }
}
