using Snowferry.Manifest;
using Snowferry.Tests.Transfer;
using Snowferry.Transfer;

namespace Snowferry.Tests.Extensions;

/// <summary>
/// A transfer from the local Snowflake into the toy <see cref="InMemoryDestination"/>, with <c>--verify</c>: the library
/// takes a destination it has never heard of, and its read-back goes through the destination's own
/// <see cref="Snowferry.Destinations.ITransferDestination.OpenReadAsync"/>.
/// </summary>
public sealed class ToyDestinationTransferTests(TransferFixture fixture) : IClassFixture<TransferFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    [InlineData("jsonl")]
    [InlineData("json")]
    public async Task RunAsync_VerifyIntoAToyDestination_ReadsTheFileBackThroughIt(string format)
    {
        var destination = new InMemoryDestination(TimeProvider.System);
        var job = new TransferRunner(fixture.DataSource, null, destination, "toy");

        var report = await job.RunAsync("LOCATIONS_595", new TransferOptions { Format = format, Verify = true }, Ct);

        Assert.True(report.Verified);
        Assert.Equal([report.FileName], destination.Reads);
        Assert.Equal(
            [report.FileName, report.FileName + TransferManifest.KeySuffix],
            destination.Objects.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(report.Bytes, destination.Objects[report.FileName].Length);
    }

    [Fact]
    public async Task RunAsync_VerifyAndTheToyServesOtherBytes_ThrowsIntegrityException()
    {
        var destination = new InMemoryDestination(TimeProvider.System) { Tamper = bytes => { bytes[^20] ^= 0xFF; return bytes; } };
        var job = new TransferRunner(fixture.DataSource, null, destination);

        var error = await Assert.ThrowsAsync<TransferIntegrityException>(
            () => job.RunAsync("LOCATIONS_595", new TransferOptions { Format = "csv", Verify = true, WriteManifest = false }, Ct));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Contains("memory:///", error.Message, StringComparison.Ordinal);
    }
}
