using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Testing;
using Snowferry.Transfer;

namespace Snowferry.Tests.Transfer;

/// <summary>
/// Snowflake failing while the file is already being uploaded (each fault is armed when the first part reaches the
/// proxy): a clear error, no object at the key, and every multipart upload aborted. The result cache stays on: the
/// cancel, fail and partition switches end a cached answer as they end a run.
/// </summary>
public sealed class SnowflakeFaultTests(FaultFixture fixture) : IClassFixture<FaultFixture>, IDisposable
{
    private static readonly TransferOptions s_multipart = new() { Format = "csv", PartSize = Snowferry.Destinations.DestinationUploadOptions.MinPartSize };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Snowferry.LocalSnowflake.Server.LocalSnowflakeFaults Faults => fixture.Transfer.Snowflake.Host.Server.Faults;

    [Fact]
    public async Task RunAsync_PartitionDownloadsDroppedPastRetriesMidUpload_FailsAndLeavesNothing()
    {
        OnFirstPart(() => Faults.DropNextPartitionDownloads(1_000));

        var error = await Assert.ThrowsAnyAsync<SnowferryException>(() => fixture.CreateJob("drop").RunAsync("ORDERS_100K", s_multipart, Ct));

        Assert.IsNotType<TransferIntegrityException>(error);
        await AssertNothingLeftAsync("drop/");
    }

    [Fact]
    public async Task RunAsync_SnowflakeAnswering500MidUpload_FailsWithSnowflakeErrorAndLeavesNothing()
    {
        OnFirstPart(() => Faults.FailNextRequests(1_000, 500));

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => fixture.CreateJob("500").RunAsync("ORDERS_100K", s_multipart, Ct));

        Assert.Equal(500, error.HttpStatus);
        await AssertNothingLeftAsync("500/");
    }

    [Fact]
    public async Task RunAsync_TokenExpiresMidUpload_FailsWithAuthenticationErrorAndLeavesNothing()
    {
        var transfer = fixture.Transfer;
        ExpiringTokenProvider? tokens = null;
        using var source = new SnowferryDataSourceBuilder()
            .UseConnectionSettings(transfer.Settings)
            .UseS3Client(fixture.ProxiedClient)
            .WrapTokenProvider(inner => tokens = new ExpiringTokenProvider(inner))
            .Build();
        var job = new TransferRunner(source, $"s3://{transfer.S3.Bucket}/expired");
        OnFirstPart(tokens!.Expire);

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => job.RunAsync("ORDERS_100K", s_multipart, Ct));

        Assert.Equal(401, error.HttpStatus);
        Assert.DoesNotContain(ExpiringTokenProvider.ExpiredToken, error.ToString(), StringComparison.Ordinal);
        await AssertNothingLeftAsync("expired/");
    }

    [Fact]
    public async Task RunAsync_StatementCancelledOnTheServer_FailsWithCancelCodeAndWritesNothing()
    {
        fixture.Proxy.Reset();
        Faults.CancelStatementsWhere = sql => sql.Contains(TransferPlan.SourceRowsColumn, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => fixture.CreateJob("cancelled").RunAsync("ORDERS_100K", s_multipart, Ct));

        Assert.Equal("000604", error.Code);
        Assert.Equal("57014", error.SqlState);
        Assert.False(string.IsNullOrEmpty(error.StatementHandle));
        await AssertNothingLeftAsync("cancelled/");
        Assert.DoesNotContain(fixture.Proxy.Records, r => r.Operation is S3Operation.PutObject or S3Operation.CreateMultipartUpload);
    }

    [Fact]
    public async Task RunAsync_StatementFailsOnTheServer_FailsWithItsCodeAndWritesNothing()
    {
        fixture.Proxy.Reset();
        Faults.FailStatementsWhere = sql => sql.Contains(TransferPlan.SourceRowsColumn, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => fixture.CreateJob("failed").RunAsync("ORDERS_100K", s_multipart, Ct));

        Assert.Equal("000630", error.Code);
        Assert.Contains("timeout", error.Message, StringComparison.Ordinal);
        await AssertNothingLeftAsync("failed/");
        Assert.DoesNotContain(fixture.Proxy.Records, r => r.Operation is S3Operation.PutObject or S3Operation.CreateMultipartUpload);
    }

    public void Dispose()
    {
        Faults.CancelStatementsWhere = null;
        Faults.FailStatementsWhere = null;
        fixture.Proxy.Reset();
        Faults.FailNextRequests(0, 500);
        Faults.DropNextPartitionDownloads(0);
        Faults.StatementDelay = TimeSpan.Zero;
    }

    private void OnFirstPart(Action arm)
    {
        fixture.Proxy.Reset();
        var armed = 0;
        fixture.Proxy.BeforeForward = r =>
        {
            if (r.Operation == S3Operation.UploadPart && Interlocked.Exchange(ref armed, 1) == 0)
            {
                arm();
            }

            return Task.CompletedTask;
        };
    }

    private async Task AssertNothingLeftAsync(string prefix)
    {
        Assert.Empty(await fixture.Transfer.S3.ListKeysAsync(prefix, Ct));
        Assert.Empty(fixture.Proxy.OpenUploads());
    }

    /// <summary>The real key-pair token until <see cref="Expire"/>; then a token Snowflake refuses, renewed or not.</summary>
    private sealed class ExpiringTokenProvider(ISnowflakeTokenProvider inner) : ISnowflakeTokenProvider
    {
        public const string ExpiredToken = "expired.token.snowferry-test";
        private volatile bool _expired;

        public void Expire() => _expired = true;

        public async ValueTask<SnowflakeToken> GetTokenAsync(bool forceRenew, CancellationToken cancellationToken)
        {
            var token = await inner.GetTokenAsync(forceRenew, cancellationToken);
            return _expired ? token with { Value = ExpiredToken } : token;
        }
    }
}
