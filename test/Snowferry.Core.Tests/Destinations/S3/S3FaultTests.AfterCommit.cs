using Snowferry.Testing;
using Snowferry.Transfer;

namespace Snowferry.Tests.Destinations.S3;

public sealed partial class S3FaultTests
{
    /// <summary>
    /// The commit is the point of no return: a cancel arriving after it (here while the file is read back for
    /// <see cref="TransferOptions.Verify"/>) must not turn a delivered file into a reported failure. The transfer finishes,
    /// manifest included, and reports what it delivered.
    /// </summary>
    [Fact]
    public async Task RunAsync_CancelledAfterTheCommit_FinishesAndReportsTheDeliveredFile()
    {
        Proxy.Reset();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var readBackHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Proxy.BeforeForward = async r =>
        {
            if (r.Operation == S3Operation.GetObject)
            {
                readBackHeld.TrySetResult();
                await release.Task;
            }
        };

        var run = fixture.CreateJob("after-commit").RunAsync("LOCATIONS_595", new TransferOptions { Verify = true }, cancel.Token);
        await readBackHeld.Task.WaitAsync(Ct);
        await cancel.CancelAsync();
        release.SetResult();
        var report = await run;

        Assert.True(report.Verified);
        Assert.NotNull(await fixture.Transfer.S3.ReadObjectAsync(report.FileName, Ct));
        Assert.NotNull(await fixture.Transfer.S3.ReadObjectAsync(report.ManifestFileName!, Ct));
    }
}
