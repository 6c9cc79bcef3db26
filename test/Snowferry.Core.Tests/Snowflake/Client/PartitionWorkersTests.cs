using System.Globalization;
using System.Net;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>
/// Partitions downloaded and decoded ahead in the client's shared decode slots, handed over strictly in order: under
/// uneven delays, with a partition that fails in the middle, when the reader cancels, and with two results at once.
/// </summary>
public sealed class PartitionWorkersTests
{
    private const int Rows = 2_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadBatchesAsync_RandomDelays_EveryPartitionInOrderWithinTheSlots()
    {
        var random = new Random(15);
        var delays = Enumerable.Range(0, 24).Select(_ => random.Next(0, 25)).ToArray();
        var server = new PartitionServer(24, delays);
        var (client, _, _) = Fake.Create(server.RespondAsync, Fake.FastOptions with { PartitionPrefetch = 6 });
        client.Workers = new PartitionWorkers(2);

        var seen = await ReadAllAsync(client, "h");

        Assert.Equal(Enumerable.Range(0, 24), seen.Select(s => s.Partition));
        Assert.All(seen, s => Assert.Equal((s.Partition * 10_000L, s.Partition * (long)Rows), (s.FirstValue, s.FirstRow)));
        Assert.InRange(client.Workers.MostBusy, 1, 2);
        Assert.Equal((0, 0), (client.Workers.Busy, server.InFlight));
    }

    [Fact]
    public async Task ReadBatchesAsync_PartitionFailsInTheMiddle_EarlierOnesThenItsErrorAndNothingLeftRunning()
    {
        var server = new PartitionServer(12, failing: 5);
        var (client, _, _) = Fake.Create(server.RespondAsync, Fake.FastOptions with { PartitionPrefetch = 4 });
        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        var seen = new List<int>();

        var e = await Assert.ThrowsAsync<SnowflakeDataException>(async () =>
        {
            await foreach (var batch in result.ReadBatchesAsync(Ct))
            {
                seen.Add(batch.PartitionIndex);
            }
        });

        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.Equal(5, e.PartitionIndex);
        // The enumeration waited for the downloads it had started past the failure before it let the error out.
        Assert.Equal((0, 0), (client.Workers.Busy, server.InFlight));
    }

    [Fact]
    public async Task ReadBatchesAsync_ReaderCancelsMidway_CancelsAndLeavesNothingRunning()
    {
        // Partitions past the fourth take their time, so the cancel finds downloads in flight.
        var server = new PartitionServer(12, [.. Enumerable.Range(0, 12).Select(p => p > 3 ? 60_000 : 0)]);
        var (client, _, _) = Fake.Create(server.RespondAsync, Fake.FastOptions with { PartitionPrefetch = 4 });
        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var seen = new List<int>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var batch in result.ReadBatchesAsync(cancel.Token))
            {
                seen.Add(batch.PartitionIndex);
                if (batch.PartitionIndex == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal([0, 1, 2, 3], seen);
        Assert.Equal((0, 0), (client.Workers.Busy, server.InFlight));
    }

    [Fact]
    public async Task ReadBatchesAsync_TwoResultsAtOnce_ShareOneSlotAndKeepTheirOwnOrder()
    {
        var server = new PartitionServer(10, [.. Enumerable.Range(0, 10).Select(p => p % 3 * 5)]);
        var (client, _, _) = Fake.Create(server.RespondAsync, Fake.FastOptions with { PartitionPrefetch = 4 });
        client.Workers = new PartitionWorkers(1);

        var both = await Task.WhenAll(Task.Run(() => ReadAllAsync(client, "a"), Ct), Task.Run(() => ReadAllAsync(client, "b"), Ct));

        Assert.All(both, seen => Assert.Equal(Enumerable.Range(0, 10), seen.Select(s => s.Partition)));
        Assert.All(both, seen => Assert.All(seen, s => Assert.Equal(s.Partition * 10_000L, s.FirstValue)));
        Assert.Equal(1, client.Workers.MostBusy);
        Assert.Equal(0, server.InFlight);
    }

    private static async Task<List<(int Partition, long FirstRow, long FirstValue)>> ReadAllAsync(SnowflakeClient client, string handle)
    {
        var result = await client.ExecuteAsync($"SELECT N FROM {handle}", cancellationToken: Ct);
        var seen = new List<(int, long, long)>();
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            Assert.Equal(Rows, batch.RowCount);
            seen.Add((batch.PartitionIndex, batch.FirstRowIndex, batch.GetValue<long>(0, 0)));
        }

        return seen;
    }

    /// <summary>A result of <c>partitions</c> gzip'd partitions of one NUMBER column, partition p's rows p*10000 + r.</summary>
    private sealed class PartitionServer(int partitions, int[]? delaysMs = null, int failing = -1)
    {
        private int _inFlight;

        /// <summary>Partition requests being answered now.</summary>
        public int InFlight => Volatile.Read(ref _inFlight);

        public async Task<HttpResponseMessage> RespondAsync(RecordedRequest request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                var handle = request.Body!.Contains("FROM b", StringComparison.Ordinal) ? "b" : "a";
                return Fake.Json(HttpStatusCode.OK, ResultJson(handle));
            }

            Interlocked.Increment(ref _inFlight);
            try
            {
                var partition = int.Parse(request.Query("partition")!, CultureInfo.InvariantCulture);
                if (delaysMs?[partition] is > 0 and var delay)
                {
                    await Task.Delay(delay, cancellationToken);
                }

                var rows = Body(partition);
                return Fake.Bytes(Fake.Gzip(partition == failing ? rows.Replace($"\"{partition * 10_000 + 7}\"", "\"x\"", StringComparison.Ordinal) : rows), gzipHeader: true);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static string Body(int partition) =>
            "{\"data\":[" + string.Join(",", Enumerable.Range(0, Rows).Select(r => $"[\"{(partition * 10_000) + r}\"]")) + "]}";

        private string ResultJson(string handle)
        {
            var info = string.Join(",", Enumerable.Range(0, partitions).Select(_ => $$"""{"rowCount":{{Rows}},"uncompressedSize":{{Body(0).Length}}}"""));
            var first = Body(0);
            return $$"""
                {"resultSetMetaData":{"numRows":{{partitions * Rows}},"format":"jsonv2","partitionInfo":[{{info}}],
                 "rowType":[{"name":"N","type":"fixed","scale":0,"precision":38,"nullable":true}]},
                 "data":{{first[8..^1]}},"code":"090001","statementHandle":"{{handle}}","statementStatusUrl":"/api/v2/statements/{{handle}}"}
                """;
        }
    }
}
