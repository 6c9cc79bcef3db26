using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Server;
using Snowferry.Testing;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>Results live on disk in partition files; memory holds one partition at a time; files go on dispose.</summary>
public sealed class ResultStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Store_ManyPartitions_WritesEachToDiskAsTheRowsStream()
    {
        using var temp = new TempDirectory();
        using var store = new ResultStore(temp.Path, rowsPerPartition: 100);
        var filesSeenWhileStreaming = 0;
        var rows = CannedStatements.Generate(10_000, onRow: i =>
        {
            // When row 5,001 is pulled, partitions 1…49 must already be complete files: rows are not buffered.
            if (i == 5_001)
            {
                filesSeenWhileStreaming = Directory.GetFiles(store.Directory).Length;
            }
        });

        var result = store.Store("h", new EngineResult([CannedStatements.Id, CannedStatements.Name], rows), nullsAsText: false, Ct);

        Assert.True(filesSeenWhileStreaming >= 49, $"{filesSeenWhileStreaming} partition files existed mid-stream");
        Assert.Equal(10_000, result.NumRows);
        Assert.Equal(100, result.Partitions.Count);
        Assert.All(result.Partitions, p => Assert.Equal(100, p.RowCount));
        Assert.Null(result.Partitions[0].File);
        Assert.Equal(99, Directory.GetFiles(store.Directory).Length);
        var last = ProtocolGoldenTests.Parse(ProtocolGoldenTests.Gunzip(File.ReadAllBytes(result.Partitions[^1].File!)));
        Assert.Equal("10000", last.GetProperty("data")[99][0].GetString());
    }

    [Fact]
    public void Store_Cancelled_DeletesWhatItWrote()
    {
        using var temp = new TempDirectory();
        using var store = new ResultStore(temp.Path, rowsPerPartition: 10);
        using var cts = new CancellationTokenSource();
        var rows = CannedStatements.Generate(1_000, onRow: i =>
        {
            if (i == 500)
            {
                cts.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            store.Store("h", new EngineResult([CannedStatements.Id, CannedStatements.Name], rows), nullsAsText: false, cts.Token));

        Assert.Empty(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public void Store_RowOfWrongWidth_Throws()
    {
        using var store = new ResultStore(null, rowsPerPartition: 10);

        Assert.Throws<InvalidOperationException>(() =>
            store.Store("h", new EngineResult([CannedStatements.Id], [["1", "2"]]), nullsAsText: false, Ct));
    }

    [Fact]
    public async Task Server_LargeResult_ServesEveryPartitionFromFilesAndDeletesThemOnDispose()
    {
        using var temp = new TempDirectory();
        var sut = await ServerHarness.StartAsync(new LocalSnowflakeServerOptions { PartitionRowCount = 250, ResultDirectory = temp.Path });
        string directory;
        try
        {
            sut.Statements.AddRows("SELECT MANY", 25_000);
            var first = await sut.PostStatementAsync("SELECT MANY");
            var partitions = first.Json.GetProperty("resultSetMetaData").GetProperty("partitionInfo").GetArrayLength();
            Assert.Equal(100, partitions);
            directory = sut.Server.ResultDirectory;
            Assert.StartsWith(temp.Path, directory, StringComparison.Ordinal);
            Assert.Equal(99, Directory.GetFiles(directory).Length);

            long expected = 251;
            for (var n = 1; n < partitions; n++)
            {
                var answer = await sut.GetAsync($"/api/v2/statements/{first.Handle}?partition={n}");
                var data = ProtocolGoldenTests.Parse(ProtocolGoldenTests.Gunzip(answer.Bytes)).GetProperty("data");
                Assert.Equal(250, data.GetArrayLength());
                Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), data[0][0].GetString());
                expected += 250;
            }
        }
        finally
        {
            await sut.DisposeAsync();
        }

        Assert.False(Directory.Exists(directory));
        Assert.True(Directory.Exists(temp.Path));
    }

    [Fact]
    public async Task Server_ResultOlderThanItsLifetime_Expires()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var sut = await ServerHarness.StartAsync(new LocalSnowflakeServerOptions
        {
            PartitionRowCount = 2,
            TimeProvider = clock,
            ResultLifetime = TimeSpan.FromMinutes(30),
        });
        sut.Statements.AddRows("SELECT ROWS", 5);
        var handle = (await sut.PostStatementAsync("SELECT ROWS")).Handle;
        Assert.Equal(2, Directory.GetFiles(sut.Server.ResultDirectory).Length);

        clock.Advance(TimeSpan.FromMinutes(31));
        var answer = await sut.GetAsync($"/api/v2/statements/{handle}?partition=1");

        Assert.Equal(422, (int)answer.Status);
        Assert.Equal("000710", answer.Code);
        Assert.Empty(Directory.GetFiles(sut.Server.ResultDirectory));
    }

    [Fact]
    public async Task Server_Dispose_CancelsRunningStatements()
    {
        var sut = await ServerHarness.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Statements.Add("SLOW", (_, token) =>
        {
            started.TrySetResult();
            if (token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)))
            {
                cancelled.TrySetResult();
            }

            token.ThrowIfCancellationRequested();
            return new EngineResult([CannedStatements.Id], []);
        });
        await sut.PostStatementAsync("SLOW", "?async=true");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        await sut.DisposeAsync();

        Assert.True(cancelled.Task.IsCompleted);
        Assert.False(Directory.Exists(sut.Server.ResultDirectory));
    }
}
