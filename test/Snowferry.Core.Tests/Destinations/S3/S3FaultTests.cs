using Snowferry.Destinations;
using Snowferry.Testing;
using Snowferry.Tests.Transfer;
using Snowferry.Transfer;

namespace Snowferry.Tests.Destinations.S3;

/// <summary>
/// S3 failing under a real transfer: the fault proxy between AWSSDK.S3 and the S3 server resets, refuses and stalls
/// requests; the proxy's record of every Create / Complete / Abort shows that no multipart upload is left open.
/// </summary>
public sealed partial class S3FaultTests(FaultFixture fixture) : IClassFixture<FaultFixture>, IDisposable
{
    /// <summary>CSV of ORDERS_100K with 5 MiB parts: a multipart upload of several parts.</summary>
    private static readonly TransferOptions s_multipart = new() { Format = "csv", PartSize = DestinationUploadOptions.MinPartSize, WriteManifest = false };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private S3FaultProxy Proxy => fixture.Proxy;

    [Fact]
    public async Task RunAsync_S3GoesDownMidUpload_FailsClearlyLeavesNothingAndReRunSucceeds()
    {
        Proxy.Reset();
        Proxy.BeforeForward = r =>
        {
            if (r.Operation == S3Operation.UploadPart)
            {
                Proxy.GoDown(allowAbort: true);
            }

            return Task.CompletedTask;
        };

        var error = await Assert.ThrowsAsync<DestinationException>(() => fixture.CreateJob("down").RunAsync("ORDERS_100K", s_multipart, Ct));

        Assert.Contains("s3://", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
        Assert.Contains(Proxy.Records, r => r.Operation == S3Operation.CreateMultipartUpload);
        Assert.Contains(Proxy.Records, r => r.Operation == S3Operation.AbortMultipartUpload && r.Status == 204);
        Assert.Empty(Proxy.OpenUploads());
        Assert.Empty(await fixture.Transfer.S3.ListKeysAsync("down/", Ct));

        Proxy.Reset();
        var report = await fixture.CreateJob("down").RunAsync("ORDERS_100K", s_multipart, Ct);

        Assert.Equal([report.FileName], await fixture.Transfer.S3.ListKeysAsync("down/", Ct));
        Assert.Empty(Proxy.OpenUploads());
    }

    [Fact]
    public async Task RunAsync_S3SlowDownAndInternalErrorsOnMultipart_RetriedAndFileIntact()
    {
        Proxy.Reset();
        Proxy.Arm(S3Operation.CreateMultipartUpload, S3Fault.InternalError);
        Proxy.Arm(S3Operation.UploadPart, S3Fault.SlowDown, count: 2, skip: 1);
        Proxy.Arm(S3Operation.UploadPart, S3Fault.ConnectionReset, count: 1);
        Proxy.Arm(S3Operation.CompleteMultipartUpload, S3Fault.SlowDown);

        var report = await fixture.CreateJob("retry").RunAsync("ORDERS_100K", s_multipart, Ct);

        Assert.Equal(5, Proxy.Records.Count(r => r.Fault is not null));
        Assert.Empty(Proxy.OpenUploads());
        var (expected, _, _) = await fixture.Transfer.ReferenceAsync("ORDERS_100K", Ct);
        var (header, rows) = TransferOutputReader.ReadCsv((await fixture.Transfer.S3.ReadObjectAsync(report.FileName, Ct))!);
        Assert.Equal(report.Columns.Where(c => c.OutputType is not null).Select(c => c.Name), header);
        TransferOutputReader.AssertRowsEqual(expected, rows);
    }

    [Fact]
    public async Task RunAsync_S3SlowDownOnSinglePut_RetriedAndFileIntact()
    {
        Proxy.Reset();
        Proxy.Arm(S3Operation.PutObject, S3Fault.SlowDown, count: 2);
        Proxy.Arm(S3Operation.HeadObject, S3Fault.InternalError);

        var report = await fixture.CreateJob("retry-put").RunAsync("LOCATIONS_595", new TransferOptions { WriteManifest = false }, Ct);

        Assert.Equal(3, Proxy.Records.Count(r => r.Fault is not null));
        Assert.Single(Proxy.Records, r => r.Operation == S3Operation.PutObject && r.Status == 200);
        var (expected, _, _) = await fixture.Transfer.ReferenceAsync("LOCATIONS_595", Ct);
        TransferOutputReader.AssertRowsEqual(expected, TransferOutputReader.ReadParquet((await fixture.Transfer.S3.ReadObjectAsync(report.FileName, Ct))!));
    }

    [Fact]
    public async Task RunAsync_CancelledWhileAPartStalls_AbortsTheUploadAndLeavesNothing()
    {
        Proxy.Reset();
        Proxy.Arm(S3Operation.UploadPart, S3Fault.Stall);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = fixture.CreateJob("stall").RunAsync("ORDERS_100K", s_multipart, cancel.Token);
        await Proxy.Stalled.WaitAsync(Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Contains(Proxy.Records, r => r.Operation == S3Operation.AbortMultipartUpload && r.Status == 204);
        Assert.Empty(Proxy.OpenUploads());
        Assert.Empty(await fixture.Transfer.S3.ListKeysAsync("stall/", Ct));
    }

    public void Dispose() => Proxy.Reset();
}
