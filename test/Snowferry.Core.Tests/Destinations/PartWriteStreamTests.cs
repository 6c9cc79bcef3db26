using System.Collections.Concurrent;
using System.Security.Cryptography;
using Snowferry.Destinations;
using Snowferry.Destinations.Internal;
using Snowferry.Testing;

namespace Snowferry.Tests.Destinations;

/// <summary>The part buffering under the S3 upload, with small parts and an uploader the test holds back.</summary>
public sealed class PartWriteStreamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_UploaderHeld_BlocksAtMaxInFlightThenDrains()
    {
        const int PartSize = 100;
        const int MaxInFlight = 2;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new SemaphoreSlim(0);
        var parts = new ConcurrentDictionary<int, byte[]>();
        var inFlight = 0;
        var maxSeen = 0;
        using var stream = new PartWriteStream(PartSize, MaxInFlight, async (number, part, token) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (parts)
            {
                maxSeen = Math.Max(maxSeen, now);
            }

            parts[number] = part.ToArray();
            started.Release();
            await gate.Task.WaitAsync(token);
            Interlocked.Decrement(ref inFlight);
        });
        var data = TestData.Bytes((6 * PartSize) + 7, seed: 1);

        // Synchronous writes on another thread, as ParquetSharp makes them.
        var writer = Task.Run(() => stream.Write(data), Ct);
        await started.WaitAsync(Ct);
        await started.WaitAsync(Ct);

        // Two parts are held: the writer cannot finish (that it blocks rather than buffers is WriteAsync_UploaderHeld_…).
        Assert.False(writer.IsCompleted);
        Assert.Equal(2, parts.Count);

        gate.SetResult();
        await writer;
        var (last, sha) = await stream.FinishAsync(Ct);

        Assert.Equal(6, stream.PartsStarted);
        Assert.Equal(MaxInFlight, maxSeen);
        var joined = Enumerable.Range(1, 6).SelectMany(n => parts[n]).Concat(last.ToArray()).ToArray();
        Assert.Equal(data, joined);
        Assert.Equal(7, last.Length);
        Assert.Equal(SHA256.HashData(data), sha);
        stream.Release();
    }

    [Fact]
    public async Task WriteAsync_UploaderHeld_ReturnsPendingWithMaxInFlightPartsStarted()
    {
        const int PartSize = 100;
        const int MaxInFlight = 2;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stream = new PartWriteStream(PartSize, MaxInFlight, (_, _, token) => gate.Task.WaitAsync(token));
        var data = TestData.Bytes((6 * PartSize) + 7, seed: 2);

        // WriteAsync runs synchronously until it has to wait: what it returns shows where it stopped, with no clock involved.
        var write = stream.WriteAsync(data, Ct).AsTask();

        Assert.False(write.IsCompleted, "the write finished while every part was held: it buffered instead of waiting for a slot");
        Assert.Equal(MaxInFlight, stream.PartsStarted);
        Assert.Equal((MaxInFlight + 1) * PartSize, stream.Length);

        gate.SetResult();
        await write;
        var (last, _) = await stream.FinishAsync(Ct);

        Assert.Equal(6, stream.PartsStarted);
        Assert.Equal(7, last.Length);
        stream.Release();
    }

    [Fact]
    public async Task WriteAsync_PartFails_NextWriteThrowsAndFinishRethrows()
    {
        var failure = new SnowferryException("part 1 failed");
        using var stream = new PartWriteStream(10, 1, (_, _, _) => Task.FromException(failure));

        await stream.WriteAsync(new byte[15], Ct);
        // The first part failed in the background; writing on waits for a slot, then sees the failure.
        var thrown = await Assert.ThrowsAsync<SnowferryException>(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await stream.WriteAsync(new byte[10], Ct);
            }
        });

        Assert.Same(failure, thrown);
        Assert.Same(failure, await Assert.ThrowsAsync<SnowferryException>(() => stream.FinishAsync(Ct)));
        await stream.AbortAsync();
        stream.Release();
    }

    [Fact]
    public async Task Write_AfterAbort_Throws()
    {
        using var stream = new PartWriteStream(10, 1, (_, _, _) => Task.CompletedTask);
        await stream.AbortAsync();

        Assert.Throws<OperationCanceledException>(() => stream.Write(new byte[1]));
        stream.Release();
    }

    [Fact]
    public async Task Write_BlockedWhenAborted_ThrowsCancelled()
    {
        var gate = new TaskCompletionSource();
        var started = new SemaphoreSlim(0);
        using var stream = new PartWriteStream(10, 1, async (_, _, token) =>
        {
            started.Release();
            await gate.Task.WaitAsync(token);
        });

        // Part 1 is held; part 2 waits for its slot, so the synchronous write blocks until the abort.
        var writer = Task.Run(() => stream.Write(new byte[25]), Ct);
        await started.WaitAsync(Ct);
        await stream.AbortAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer);
        stream.Release();
    }

    [Fact]
    public async Task Finish_ExactMultipleOfPartSize_LastPartIsFull()
    {
        var parts = 0;
        using var stream = new PartWriteStream(10, 2, (_, _, _) =>
        {
            Interlocked.Increment(ref parts);
            return Task.CompletedTask;
        });

        stream.Write(new byte[30]);
        var (last, _) = await stream.FinishAsync(Ct);

        // The last full buffer is kept for the commit, so an object of exactly one part is one PutObject.
        Assert.Equal(2, parts);
        Assert.Equal(10, last.Length);
        stream.Release();
    }

    [Fact]
    public async Task Write_PastOneThousandParts_PartsDoubleAndTheBytesStayInOrder()
    {
        const int PartSize = 10;
        var parts = new ConcurrentDictionary<int, byte[]>();
        using var stream = new PartWriteStream(PartSize, 4, (number, part, _) =>
        {
            parts[number] = part.ToArray();
            return Task.CompletedTask;
        });
        // 1,000 parts of 10 bytes, 1,000 of 20, then 5 of 40 and a 3-byte rest.
        var data = TestData.Bytes((1000 * 10) + (1000 * 20) + (5 * 40) + 3, seed: 3);

        await stream.WriteAsync(data, Ct);
        var (last, sha) = await stream.FinishAsync(Ct);

        Assert.Equal(2005, stream.PartsStarted);
        Assert.Equal((10, 10, 20, 20, 40), (parts[1].Length, parts[1000].Length, parts[1001].Length, parts[2000].Length, parts[2005].Length));
        Assert.Equal(data, Enumerable.Range(1, 2005).SelectMany(n => parts[n]).Concat(last.ToArray()).ToArray());
        Assert.Equal(SHA256.HashData(data), sha);
        stream.Release();
    }

    [Fact]
    public async Task Write_BeyondTenThousandParts_FailsWithTheWayOutBeforeTheLimit()
    {
        // Parts of 5 bytes doubling every 1,000 parts: S3's 10,000 parts hold 5 × 1,000 × (2^10 - 1) bytes.
        var uploaded = 0;
        using var stream = new PartWriteStream(5, 4, (_, _, _) =>
        {
            Interlocked.Increment(ref uploaded);
            return Task.CompletedTask;
        });
        var capacity = PartSizes.MaxBytes(5);
        Assert.Equal(5L * 1000 * 1023, capacity);

        var error = await Assert.ThrowsAsync<DestinationException>(async () => await stream.WriteAsync(TestData.Bytes((int)capacity + 1, seed: 4), Ct));

        Assert.Contains("10,000 parts", error.Message, StringComparison.Ordinal);
        Assert.Contains("raise the part size (TransferOptions.PartSize), or let Snowflake write the files (set TransferOptions.Mode to Unload).", error.Message, StringComparison.Ordinal);
        Assert.True(stream.PartsStarted < PartSizes.MaxParts, $"{stream.PartsStarted} parts started");
        await stream.AbortAsync();
        stream.Release();
    }

    [Theory]
    [InlineData(1, 8, 8)]
    [InlineData(1000, 8, 8)]
    [InlineData(1001, 8, 16)]
    [InlineData(3001, 8, 64)]
    [InlineData(10000, 8, 64)]
    [InlineData(9000, 100, 100)]
    public void For_DoublesEveryThousandPartsUpTo64MiB(int part, int baseMiB, int expectedMiB) =>
        Assert.Equal(expectedMiB * 1024 * 1024, PartSizes.For(part, baseMiB * 1024 * 1024));

    [Fact]
    public void MaxBytes_From8MiBParts_AboutHalfATebibyte() =>
        Assert.Equal(((1000L * (8 + 16 + 32)) + (7000L * 64)) * 1024 * 1024, PartSizes.MaxBytes(8 * 1024 * 1024));
}
