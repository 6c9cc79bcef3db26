using Snowferry.Service.Jobs;

namespace Snowferry.Service.Tests.Jobs;

/// <summary>A client's job list: newest first, filtered, paged by an opaque cursor that only fits its own query.</summary>
public sealed class SqliteJobStoreListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListAsync_PagesWhileJobsAreInserted_EveryOlderJobOnceNewestFirst()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var jobs = new List<TransferJob>();
        for (var i = 0; i < 25; i++)
        {
            jobs.Add(file.NewJob("alpha"));
            await store.InsertAsync(jobs[^1], 100, null, Ct);
            await store.InsertAsync(file.NewJob("beta"), 100, null, Ct);
        }

        var seen = new List<string>();
        var newer = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync("alpha", null, 10, cursor, Ct);
            Assert.InRange(page.Items.Count, 1, 10);
            Assert.All(page.Items, j => Assert.Equal("alpha", j.Client));
            seen.AddRange(page.Items.Select(j => j.Id));
            cursor = page.NextCursor;
            pages++;
            // Meanwhile, newer jobs of both clients.
            var job = file.NewJob("alpha");
            newer.Add(job.Id);
            await store.InsertAsync(job, 100, null, Ct);
            await store.InsertAsync(file.NewJob("beta"), 100, null, Ct);
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(jobs.Select(j => j.Id).Reverse(), seen);
        var fresh = await store.ListAsync("alpha", null, 10, null, Ct);
        Assert.Equal(Enumerable.Reverse(newer).Append(jobs[^1].Id), fresh.Items.Take(4).Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_ExactlyOnePage_NoCursor()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        for (var i = 0; i < 4; i++)
        {
            await store.InsertAsync(file.NewJob(), 10, null, Ct);
        }

        var page = await store.ListAsync("alpha", null, 4, null, Ct);

        Assert.Equal(4, page.Items.Count);
        Assert.Null(page.NextCursor);
        Assert.Empty((await store.ListAsync("nobody", null, 4, null, Ct)).Items);
    }

    [Fact]
    public async Task ListAsync_StateFilter_OnlyThatStateAcrossPages()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        var running = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            var job = file.NewJob();
            await store.InsertAsync(job, 100, null, Ct);
            if (i % 3 != 0)
            {
                await store.TryStartAsync(job.Id, JobStoreFile.T0, Ct);
                running.Add(job.Id);
            }
        }

        var first = await store.ListAsync("alpha", JobState.Running, 4, null, Ct);
        var second = await store.ListAsync("alpha", JobState.Running, 4, first.NextCursor, Ct);

        Assert.Equal(Enumerable.Reverse(running), first.Items.Concat(second.Items).Select(j => j.Id));
        Assert.Null(second.NextCursor);
        Assert.Empty((await store.ListAsync("alpha", JobState.Succeeded, 4, null, Ct)).Items);
    }

    [Fact]
    public async Task ListAsync_TamperedOrForeignCursor_FormatException()
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await store.InsertAsync(file.NewJob("alpha"), 10, null, Ct);
            await store.InsertAsync(file.NewJob("beta"), 10, null, Ct);
        }

        var cursor = (await store.ListAsync("alpha", null, 1, null, Ct)).NextCursor!;
        var seqTampered = cursor[..5] + (cursor[5] == 'A' ? 'B' : 'A') + cursor[6..];
        var macTampered = cursor[..^2] + (cursor[^2] == 'A' ? 'B' : 'A') + cursor[^1];

        foreach (var bad in new[] { seqTampered, macTampered, cursor + "A", cursor[..^1], "not a cursor", "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
        {
            await Assert.ThrowsAsync<FormatException>(() => store.ListAsync("alpha", null, 1, bad, Ct));
        }

        // Another client's, or the same client's with another filter.
        await Assert.ThrowsAsync<FormatException>(() => store.ListAsync("beta", null, 1, cursor, Ct));
        await Assert.ThrowsAsync<FormatException>(() => store.ListAsync("alpha", JobState.Queued, 1, cursor, Ct));
        Assert.Single((await store.ListAsync("alpha", null, 1, cursor, Ct)).Items);
    }

    [Fact]
    public async Task ListAsync_CursorFromBeforeARestart_StillWorks()
    {
        await using var file = new JobStoreFile();
        var first = await file.OpenAsync();
        var jobs = Enumerable.Range(0, 3).Select(_ => file.NewJob()).ToList();
        foreach (var job in jobs)
        {
            await first.InsertAsync(job, 10, null, Ct);
        }

        var cursor = (await first.ListAsync("alpha", null, 2, null, Ct)).NextCursor;
        await first.DisposeAsync();
        var second = await file.OpenAsync();

        var page = await second.ListAsync("alpha", null, 2, cursor, Ct);

        Assert.Equal(jobs[0].Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task ListAsync_CursorFromAnotherStoreFile_FormatException()
    {
        await using var fileA = new JobStoreFile();
        await using var fileB = new JobStoreFile();
        var a = await fileA.OpenAsync();
        var b = await fileB.OpenAsync();
        for (var i = 0; i < 2; i++)
        {
            await a.InsertAsync(fileA.NewJob(), 10, null, Ct);
            await b.InsertAsync(fileB.NewJob(), 10, null, Ct);
        }

        var cursor = (await a.ListAsync("alpha", null, 1, null, Ct)).NextCursor!;

        await Assert.ThrowsAsync<FormatException>(() => b.ListAsync("alpha", null, 1, cursor, Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SqliteJobStore.MaxPageSize + 1)]
    public async Task ListAsync_LimitOutOfRange_Throws(int limit)
    {
        await using var file = new JobStoreFile();
        var store = await file.OpenAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync("alpha", null, limit, null, Ct));
    }
}
