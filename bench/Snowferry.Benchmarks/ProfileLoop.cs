namespace Snowferry.Benchmarks;

/// <summary>
/// Runs one benchmark's body in a loop, for a profiler: <c>profile decode-gzip 2000</c>, <c>profile write-parquet 500</c>
/// (also <c>decode-json</c>, <c>decode-keys</c>, <c>inflate</c>, <c>write-csv</c>, <c>write-jsonl</c>, <c>write-json</c>).
/// </summary>
internal static class ProfileLoop
{
    public static async Task<int> RunAsync(string what, int count)
    {
        var decode = new PartitionDecodeBenchmarks();
        decode.Setup();
        var parts = what.Split('-', 2);
        Func<Task> body;
        if (what == "inflate")
        {
            body = () => decode.InflateOnly();
        }
        else if (parts[1] is "gzip" or "json" or "keys")
        {
            body = parts[1] switch
            {
                "keys" => () => decode.DecodeKeysGzip(),
                "gzip" => () => decode.DecodeGzip(),
                _ => () => Task.FromResult(decode.DecodeJson()),
            };
        }
        else
        {
            var write = new TableWriterBenchmarks { Format = parts[1] };
            write.Setup();
            body = () => write.Write();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await body().ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync($"{what}: {count} x 10,000 rows in {clock.Elapsed.TotalSeconds:F2} s, {clock.Elapsed.TotalMicroseconds / count / 10_000:F3} µs per row").ConfigureAwait(false);
        return 0;
    }
}
