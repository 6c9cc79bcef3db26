using System.Net;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Tests.Snowflake.Client;

public sealed class SnowflakeResultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadBatchesAsync_ManyPartitions_YieldsInOrderWithinPrefetchBound()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var (client, handler, _) = Fake.Create(async (r, ct) =>
        {
            if (r.Method == HttpMethod.Post)
            {
                return Fake.Json(HttpStatusCode.OK, Fake.ResultJson("h", 8));
            }

            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            var partition = int.Parse(r.Query("partition")!, System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(partition % 2 == 0 ? 30 : 5, ct); // uneven so later ones finish first
            Interlocked.Decrement(ref inFlight);
            return Fake.Bytes(Fake.Gzip(Fake.PartitionJson(partition)), gzipHeader: true);
        });

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        var seen = new List<(int Partition, long First, long Value)>();
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            seen.Add((batch.PartitionIndex, batch.FirstRowIndex, batch.GetValue<long>(0, 0)));
        }

        Assert.Equal(Enumerable.Range(0, 8).Select(p => (p, p * 3L, p * 10L)), seen);
        Assert.Equal(2, maxInFlight);
        Assert.Equal(7, handler.Requests.Count(r => r.Query("partition") is not null));
    }

    [Theory]
    [InlineData(250, 2)] // 100-byte partitions: two fit in 250 bytes, a third would not
    [InlineData(50, 1)] // one partition larger than the budget still downloads, alone
    [InlineData(10_000, 4)] // the count bound applies first
    public Task ReadBatchesAsync_PrefetchBytes_BoundsDownloadsAhead(long budget, int expectedAhead) =>
        MostAheadAsync(budget, expectedAhead);

    [Fact]
    public Task ReadBatchesAsync_PrefetchBytesExactlyHeld_StillFits()
    {
        // A decoded partition counts at what its batch holds (here more than its 100-byte body): one decoded and one
        // body exactly fill the budget, so a second still starts, whether the first has been decoded by then or not.
        var decoded = ResultParser.ParsePartition(
            System.Text.Encoding.UTF8.GetBytes(Fake.PartitionJson(1)),
            [new("N", SnowflakeType.Fixed, 38, 0, null, null, true, null, null, null)],
            1,
            3,
            3,
            "h").AllocatedBytes;

        return MostAheadAsync(decoded + 100, 2);
    }

    private static async Task MostAheadAsync(long budget, int expectedAhead)
    {
        var requested = 0;
        var options = Fake.FastOptions with { PartitionPrefetch = 4, PartitionPrefetchBytes = budget };
        var (client, _, _) = Fake.Create(
            (r, _) =>
            {
                if (r.Method == HttpMethod.Post)
                {
                    return Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 10));
                }

                Interlocked.Increment(ref requested);
                var partition = int.Parse(r.Query("partition")!, System.Globalization.CultureInfo.InvariantCulture);
                return Task.FromResult(Fake.Bytes(Fake.Gzip(Fake.PartitionJson(partition)), gzipHeader: true));
            },
            options);

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        var partitions = new List<int>();
        var mostAhead = 0;
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            // Partitions 1..p have been handed over; whatever else was requested is ahead of the reader. The downloads
            // are started before the batch is yielded, so this needs no timing.
            mostAhead = Math.Max(mostAhead, Volatile.Read(ref requested) - batch.PartitionIndex);
            partitions.Add(batch.PartitionIndex);
        }

        Assert.Equal(Enumerable.Range(0, 10), partitions);
        Assert.Equal(expectedAhead, mostAhead);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadBatchesAsync_GzipBody_DecodedWithOrWithoutHeader(bool header)
    {
        var (client, _, _) = Fake.Create((r, _) => Task.FromResult(r.Method == HttpMethod.Post
            ? Fake.Json(HttpStatusCode.OK, Fake.ResultJson("h", 2))
            : Fake.Bytes(Fake.Gzip(Fake.PartitionJson(1)), header)));

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        var batches = await result.ReadBatchesAsync(Ct).ToListAsync(Ct);

        Assert.Equal(12L, batches[1].GetValue<long>(2, 0));
    }

    [Theory]
    [InlineData(false)] // the body itself is past the limit
    [InlineData(true)] // a small gzip'd body that inflates past it
    public async Task ReadBatchesAsync_PartitionPastMaxResponseBytes_FailsNamingTheLimit(bool gzip)
    {
        var body = Fake.PartitionJson(1, rows: 1_000);
        var (client, _, _) = Fake.Create(
            (r, _) => Task.FromResult(r.Method == HttpMethod.Post
                ? Fake.Json(HttpStatusCode.OK, Fake.ResultJson("h", 2))
                : Fake.Bytes(gzip ? Fake.Gzip(body) : System.Text.Encoding.UTF8.GetBytes(body), gzipHeader: gzip)),
            Fake.FastOptions with { MaxResponseBytes = 4096 });
        Assert.True(body.Length > 4096 && (!gzip || Fake.Gzip(body).Length < 4096), "the case's shape");

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        var ex = await Assert.ThrowsAsync<SnowferryException>(async () => await result.ReadBatchesAsync(Ct).ToListAsync(Ct));

        Assert.Equal("A Snowflake response body exceeds the 4096-byte limit (SnowflakeClientOptions.MaxResponseBytes).", ex.Message);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task ReadBatchesAsync_DroppedBody_RestartsPartition()
    {
        var attempts = 0;
        var (client, handler, _) = Fake.Create((r, _) =>
        {
            if (r.Method == HttpMethod.Post)
            {
                return Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 2));
            }

            var gz = Fake.Gzip(Fake.PartitionJson(1));
            var response = ++attempts == 1
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BrokenStream(gz[..(gz.Length / 2)])) }
                : Fake.Bytes(gz, gzipHeader: true);
            return Task.FromResult(response);
        });

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        var batches = await result.ReadBatchesAsync(Ct).ToListAsync(Ct);

        Assert.Equal(2, attempts);
        Assert.Equal(3, batches[1].RowCount);
    }

    [Fact]
    public async Task ReadBatchesAsync_TruncatedGzip_RestartsPartition()
    {
        var attempts = 0;
        var (client, _, _) = Fake.Create((r, _) =>
        {
            if (r.Method == HttpMethod.Post)
            {
                return Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 2, rowsPerPartition: 200));
            }

            var gz = Fake.Gzip(Fake.PartitionJson(1, rows: 200));
            return Task.FromResult(Fake.Bytes(++attempts == 1 ? gz[..(gz.Length / 2)] : gz, gzipHeader: true));
        });

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        var batches = await result.ReadBatchesAsync(Ct).ToListAsync(Ct);

        Assert.Equal(2, attempts);
        Assert.Equal(200, batches[1].RowCount);
    }

    [Fact]
    public async Task ReadBatchesAsync_ThrottledPartition_Retries()
    {
        var attempts = 0;
        var (client, _, _) = Fake.Create((r, _) =>
            r.Method == HttpMethod.Post ? Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 2))
            : ++attempts == 1 ? Fake.JsonTask(HttpStatusCode.TooManyRequests, """{"code":"390505","message":"Too many requests."}""")
            : Fake.JsonTask(HttpStatusCode.OK, Fake.PartitionJson(1)));

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        var batches = await result.ReadBatchesAsync(Ct).ToListAsync(Ct);

        Assert.Equal(2, batches.Count);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task ReadBatchesAsync_RowCountMismatch_ThrowsDataException()
    {
        var (client, _, _) = Fake.Create((r, _) => Fake.JsonTask(
            HttpStatusCode.OK, r.Method == HttpMethod.Post ? Fake.ResultJson("h", 2) : Fake.PartitionJson(1, rows: 2)));

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);

        var ex = await Assert.ThrowsAsync<SnowflakeDataException>(async () => await result.ReadBatchesAsync(Ct).ToListAsync(Ct));
        Assert.Equal(1, ex.PartitionIndex);
    }

    [Fact]
    public async Task ReadBatchesAsync_SecondEnumeration_RefetchesPartitionZero()
    {
        var (client, handler, _) = Fake.Create((r, _) => Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("h", 1)));

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        var first = await result.ReadBatchesAsync(Ct).ToListAsync(Ct);
        var second = await result.ReadBatchesAsync(Ct).ToListAsync(Ct);

        Assert.Equal(first[0].GetValue<long>(2, 0), second[0].GetValue<long>(2, 0));
        Assert.Equal("0", handler.Requests.Last().Query("partition"));
    }

    [Fact]
    public async Task ReadBatchesAsync_StopEarly_AbandonsDownloads()
    {
        var (client, _, _) = Fake.Create(async (r, ct) =>
        {
            if (r.Method == HttpMethod.Post)
            {
                return Fake.Json(HttpStatusCode.OK, Fake.ResultJson("h", 5));
            }

            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return Fake.Json(HttpStatusCode.OK, Fake.PartitionJson(1));
        });

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            Assert.Equal(0, batch.PartitionIndex);
            break;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
