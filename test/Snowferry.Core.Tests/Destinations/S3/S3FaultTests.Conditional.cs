using Amazon.S3.Model;
using Snowferry.Destinations;
using Snowferry.Testing;
using Snowferry.Transfer;

namespace Snowferry.Tests.Destinations.S3;

/// <summary>An object at the key: refused early, refused atomically when it appears mid-upload, replaced only on request.</summary>
public sealed partial class S3FaultTests
{
    private const string Theirs = "someone else's file";

    [Fact]
    public async Task RunAsync_ObjectAppearsDuringUpload_ConditionalCompleteGets412AndNothingIsOverwritten()
    {
        Proxy.Reset();
        Proxy.EmulateConditionalWrites = true;
        PlantOnFirstPart();
        var options = s_multipart with { KeyTemplate = "cond/{table}.{ext}" };

        await Assert.ThrowsAsync<DestinationExistsException>(() => fixture.CreateJob("").RunAsync("ORDERS_100K", options, Ct));

        var complete = Assert.Single(Proxy.Records, r => r.Operation == S3Operation.CompleteMultipartUpload);
        Assert.Equal("*", complete.IfNoneMatch);
        Assert.Equal(412, complete.Status);
        Assert.Empty(Proxy.OpenUploads());
        Assert.Equal(Theirs, System.Text.Encoding.UTF8.GetString((await fixture.Transfer.S3.ReadObjectAsync("cond/ORDERS_100K.csv", Ct))!));
    }

    [Fact]
    public async Task RunAsync_ObjectAppearsDuringUploadWithoutConditionalWrites_CheckBeforeCommitRefusesAndAborts()
    {
        Proxy.Reset();
        PlantOnFirstPart();
        var options = s_multipart with { KeyTemplate = "check/{table}.{ext}", ConditionalWrite = false };

        await Assert.ThrowsAsync<DestinationExistsException>(() => fixture.CreateJob("").RunAsync("ORDERS_100K", options, Ct));

        Assert.DoesNotContain(Proxy.Records, r => r.Operation == S3Operation.CompleteMultipartUpload);
        Assert.Empty(Proxy.OpenUploads());
        Assert.Equal(Theirs, System.Text.Encoding.UTF8.GetString((await fixture.Transfer.S3.ReadObjectAsync("check/ORDERS_100K.csv", Ct))!));
    }

    [Theory]
    [InlineData(true, "*", TransferOverwriteGuards.ConditionalWrite)]
    [InlineData(false, null, TransferOverwriteGuards.CheckThenWrite)]
    public async Task RunAsync_ConditionalWriteOption_SentOrNotAndReported(bool conditional, string? ifNoneMatch, string guard)
    {
        Proxy.Reset();

        var report = await fixture.CreateJob("guard-" + conditional).RunAsync(
            "LOCATIONS_595", new TransferOptions { ConditionalWrite = conditional, WriteManifest = false }, Ct);

        Assert.Equal(guard, report.OverwriteGuard);
        Assert.Equal(ifNoneMatch, Assert.Single(Proxy.Records, r => r.Operation == S3Operation.PutObject).IfNoneMatch);
        Assert.Contains("\"overwrite_guard\": \"" + guard + "\"", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ObjectAlreadyAtTheKey_RefusedBeforeAnyUploadUnlessOverwrite()
    {
        Proxy.Reset();
        const string Key = "exists/LOCATIONS_595.parquet";
        await fixture.Transfer.S3.Client.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Transfer.S3.Bucket, Key = Key, ContentBody = Theirs }, Ct);
        var options = new TransferOptions { KeyTemplate = "exists/{table}.{ext}", WriteManifest = false };

        await Assert.ThrowsAsync<DestinationExistsException>(() => fixture.CreateJob("").RunAsync("LOCATIONS_595", options, Ct));
        Assert.DoesNotContain(Proxy.Records, r => r.Operation is S3Operation.PutObject or S3Operation.CreateMultipartUpload);
        Assert.Equal(Theirs, System.Text.Encoding.UTF8.GetString((await fixture.Transfer.S3.ReadObjectAsync(Key, Ct))!));

        var report = await fixture.CreateJob("").RunAsync("LOCATIONS_595", options with { Overwrite = true }, Ct);

        Assert.True(report.Overwrote);
        Assert.Equal(TransferOverwriteGuards.Overwrite, report.OverwriteGuard);
        Assert.Null(Assert.Single(Proxy.Records, r => r.Operation == S3Operation.PutObject).IfNoneMatch);
        Assert.Equal(report.Bytes, (await fixture.Transfer.S3.ReadObjectAsync(Key, Ct))!.Length);
    }

    /// <summary>Another writer puts an object at the data key while the first part is on its way.</summary>
    private void PlantOnFirstPart()
    {
        var planted = 0;
        Proxy.BeforeForward = async r =>
        {
            if (r.Operation == S3Operation.UploadPart && Interlocked.Exchange(ref planted, 1) == 0)
            {
                await fixture.Transfer.S3.Client.PutObjectAsync(
                    new PutObjectRequest { BucketName = fixture.Transfer.S3.Bucket, Key = fixture.KeyOf(r), ContentBody = Theirs }, Ct);
            }
        };
    }
}
