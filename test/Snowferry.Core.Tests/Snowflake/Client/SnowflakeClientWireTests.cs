using System.Collections.Concurrent;
using System.Text;
using Snowferry.Snowflake.Client;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>The client over a real socket and the default handler (auto-decompression on).</summary>
public sealed class SnowflakeClientWireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadBatchesAsync_ConnectionDroppedMidPartition_RetriesAndReadsAll()
    {
        var requests = new ConcurrentQueue<WireRequest>();
        var partitionOneCalls = 0;
        await using var server = new LoopbackHttpServer(r =>
        {
            requests.Enqueue(r);
            if (r.Method == "POST")
            {
                return new WireReply(200, Encoding.UTF8.GetBytes(Fake.ResultJson("hw", 3, rowsPerPartition: 500)));
            }

            var partition = r.Target.EndsWith("partition=1", StringComparison.Ordinal) ? 1 : 2;
            var gz = Fake.Gzip(Fake.PartitionJson(partition, rows: 500));
            var gzip = new Dictionary<string, string> { ["Content-Encoding"] = "gzip" };
            return partition == 1 && Interlocked.Increment(ref partitionOneCalls) == 1
                ? new WireReply(200, gz, gzip, DropAfterBytes: gz.Length / 3)
                : new WireReply(200, gz, gzip);
        });
        using var http = new HttpClient(SnowflakeClient.CreateDefaultHandler()) { BaseAddress = server.BaseAddress };
        var client = new SnowflakeClient(http, Fake.Settings, new FakeTokens(), Fake.FastOptions);

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);
        long total = 0;
        await foreach (var batch in result.ReadBatchesAsync(Ct))
        {
            total += batch.RowCount;
            Assert.Equal(batch.PartitionIndex * 10L, batch.GetValue<long>(0, 0));
        }

        Assert.Equal(1500, total);
        Assert.Equal(2, partitionOneCalls);
        var post = requests.First();
        Assert.Equal("application/json", post.Headers["Content-Type"]);
        Assert.Equal("Bearer secret-tok-1", post.Headers["Authorization"]);
        Assert.Contains("gzip", post.Headers["Accept-Encoding"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ServiceUnavailableOverWire_RetriesWithSameRequestId()
    {
        var requests = new ConcurrentQueue<WireRequest>();
        await using var server = new LoopbackHttpServer(r =>
        {
            requests.Enqueue(r);
            return requests.Count == 1
                ? new WireReply(503, Encoding.UTF8.GetBytes("{}"), new Dictionary<string, string> { ["Retry-After"] = "0" })
                : new WireReply(200, Encoding.UTF8.GetBytes(Fake.ResultJson("hw", 1)));
        });
        using var http = new HttpClient(SnowflakeClient.CreateDefaultHandler()) { BaseAddress = server.BaseAddress };
        var client = new SnowflakeClient(http, Fake.Settings, new FakeTokens(), Fake.FastOptions);

        var result = await client.ExecuteAsync("SELECT N", cancellationToken: Ct);

        Assert.Equal(3, (await result.ReadBatchesAsync(Ct).SingleAsync(Ct)).RowCount);
        var targets = requests.Select(r => r.Target).ToArray();
        Assert.Equal(2, targets.Length);
        Assert.Equal(targets[0] + "&retry=true", targets[1]);
    }
}
