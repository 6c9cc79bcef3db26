using Snowferry.Service.Jobs;

namespace Snowferry.Service.Tests.Jobs;

/// <summary>Idempotency keys in the job store: claimed, replayed, in progress, mismatched, expired, released.</summary>
public sealed class SqliteJobStoreIdempotencyTests
{
    private static readonly TimeSpan s_window = TimeSpan.FromHours(24);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_SameKeyBeforeAndAfterInsert_InProgressThenReplayOfTheJob()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var job = file.NewJob();
        var t0 = JobStoreFile.T0;

        Assert.Equal(IdempotencyOutcome.Claimed, (await Claim(store, "alpha", "k1", "body-a", t0)).Outcome);
        Assert.Equal(new IdempotencyClaim(IdempotencyOutcome.InProgress, null), await Claim(store, "alpha", "k1", "body-a", t0.AddSeconds(1)));
        Assert.True(await store.InsertAsync(job, 10, "k1", Ct));

        Assert.Equal(new IdempotencyClaim(IdempotencyOutcome.Replay, job.Id), await Claim(store, "alpha", "k1", "body-a", t0.AddHours(23)));
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_SameKeyOtherBody_MismatchWhileInProgressAndAfter()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var t0 = JobStoreFile.T0;
        await Claim(store, "alpha", "k1", "body-a", t0);

        Assert.Equal(IdempotencyOutcome.Mismatch, (await Claim(store, "alpha", "k1", "body-b", t0)).Outcome);
        await store.InsertAsync(file.NewJob(), 10, "k1", Ct);
        Assert.Equal(new IdempotencyClaim(IdempotencyOutcome.Mismatch, null), await Claim(store, "alpha", "k1", "body-b", t0.AddHours(1)));
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_OtherClientSameKey_Claimed()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        await Claim(store, "alpha", "k1", "body-a", JobStoreFile.T0);
        await store.InsertAsync(file.NewJob("alpha"), 10, "k1", Ct);

        Assert.Equal(IdempotencyOutcome.Claimed, (await Claim(store, "beta", "k1", "body-a", JobStoreFile.T0)).Outcome);
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_OlderThanWindow_ClaimedAgainAndBoundToTheNewJob()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var (first, second) = (file.NewJob(), file.NewJob());
        var t0 = JobStoreFile.T0;
        await Claim(store, "alpha", "k1", "body-a", t0);
        await store.InsertAsync(first, 10, "k1", Ct);

        Assert.Equal(IdempotencyOutcome.Replay, (await Claim(store, "alpha", "k1", "body-a", t0 + s_window - TimeSpan.FromTicks(1))).Outcome);
        Assert.Equal(IdempotencyOutcome.Claimed, (await Claim(store, "alpha", "k1", "body-b", t0 + s_window)).Outcome);
        await store.InsertAsync(second, 10, "k1", Ct);

        Assert.Equal(new IdempotencyClaim(IdempotencyOutcome.Replay, second.Id), await Claim(store, "alpha", "k1", "body-b", t0 + s_window));
    }

    [Fact]
    public async Task ReleaseIdempotencyKeyAsync_PendingClaim_KeyFreeForAnotherBody()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        await Claim(store, "alpha", "k1", "body-a", JobStoreFile.T0);

        await store.ReleaseIdempotencyKeyAsync("alpha", "k1", Ct);

        Assert.Equal(IdempotencyOutcome.Claimed, (await Claim(store, "alpha", "k1", "body-b", JobStoreFile.T0)).Outcome);
    }

    [Fact]
    public async Task ReleaseIdempotencyKeyAsync_KeyBoundToAJob_StillReplays()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var job = file.NewJob();
        await Claim(store, "alpha", "k1", "body-a", JobStoreFile.T0);
        await store.InsertAsync(job, 10, "k1", Ct);

        await store.ReleaseIdempotencyKeyAsync("alpha", "k1", Ct);

        Assert.Equal(new IdempotencyClaim(IdempotencyOutcome.Replay, job.Id), await Claim(store, "alpha", "k1", "body-a", JobStoreFile.T0));
    }

    [Fact]
    public async Task ClaimIdempotencyKeyAsync_TenConcurrentSameKey_OneClaimedOthersInProgress()
    {
        await using var file = new JobStoreFile();
        var stores = new[] { await file.OpenAsync(), await file.OpenAsync() };

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(
            i => Task.Run(() => Claim(stores[i % 2], "alpha", "k1", "body-a", JobStoreFile.T0), Ct)));

        Assert.Single(claims, c => c.Outcome == IdempotencyOutcome.Claimed);
        Assert.All(claims.Where(c => c.Outcome != IdempotencyOutcome.Claimed), c => Assert.Equal(IdempotencyOutcome.InProgress, c.Outcome));
    }

    [Fact]
    public async Task InsertAsync_KeyNeverClaimed_ThrowsAndNoJobInserted()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var job = file.NewJob();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.InsertAsync(job, 10, "k1", Ct));

        Assert.Null(await store.GetAsync(job.Id, Ct));
    }

    [Fact]
    public async Task InsertAsync_QueueFullWithKey_FalseAndClaimStillPendingUntilReleased()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        await store.InsertAsync(file.NewJob(), 1, null, Ct);
        await Claim(store, "alpha", "k1", "body-a", JobStoreFile.T0);

        Assert.False(await store.InsertAsync(file.NewJob(), 1, "k1", Ct));
        Assert.Equal(IdempotencyOutcome.InProgress, (await Claim(store, "alpha", "k1", "body-a", JobStoreFile.T0)).Outcome);
        await store.ReleaseIdempotencyKeyAsync("alpha", "k1", Ct);
        Assert.Equal(IdempotencyOutcome.Claimed, (await Claim(store, "alpha", "k1", "body-a", JobStoreFile.T0)).Outcome);
    }

    [Fact]
    public async Task InitializeAsync_ClaimLeftPendingByAStoppedProcess_KeyFreeAgain()
    {
        await using var file = new JobStoreFile();
        var first = await file.OpenAsync();
        var job = file.NewJob();
        await Claim(first, "alpha", "k1", "body-a", JobStoreFile.T0);
        await Claim(first, "alpha", "k2", "body-a", JobStoreFile.T0);
        await first.InsertAsync(job, 10, "k2", Ct);
        await first.DisposeAsync();

        var second = await file.OpenAsync();

        Assert.Equal(IdempotencyOutcome.Claimed, (await Claim(second, "alpha", "k1", "body-b", JobStoreFile.T0)).Outcome);
        Assert.Equal(new IdempotencyClaim(IdempotencyOutcome.Replay, job.Id), await Claim(second, "alpha", "k2", "body-a", JobStoreFile.T0));
    }

    [Fact]
    public async Task PurgeAsync_KeysOfPurgedJobsAndOldPendingClaims_Deleted()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var (purged, kept) = (file.NewJob(), file.NewJob());
        var t0 = JobStoreFile.T0;
        await Claim(store, "alpha", "purged", "body-a", t0);
        await store.InsertAsync(purged, 10, "purged", Ct);
        await Claim(store, "alpha", "kept", "body-a", t0);
        await store.InsertAsync(kept, 10, "kept", Ct);
        await Claim(store, "alpha", "pending", "body-a", t0);
        await store.TryFinishAsync(purged.Id, JobState.Cancelled, t0.AddMinutes(1), null, null, "{}", Ct);

        await store.PurgeAsync(t0.AddMinutes(2), Ct);

        var later = t0.AddMinutes(3);
        Assert.Equal(IdempotencyOutcome.Claimed, (await Claim(store, "alpha", "purged", "body-b", later)).Outcome);
        Assert.Equal(IdempotencyOutcome.Claimed, (await Claim(store, "alpha", "pending", "body-b", later)).Outcome);
        Assert.Equal(new IdempotencyClaim(IdempotencyOutcome.Replay, kept.Id), await Claim(store, "alpha", "kept", "body-a", later));
    }

    private static Task<IdempotencyClaim> Claim(SqliteJobStore store, string client, string key, string bodyHash, DateTimeOffset now) =>
        store.ClaimIdempotencyKeyAsync(client, key, bodyHash, now, s_window, Ct);
}
