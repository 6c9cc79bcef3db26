using Snowferry.Bench;

// The end-to-end bench's helper processes, one per reference (see bench/README.md). Each prints one JSON line on stdout.
//   wire   --connections-file F --table T [--key-column C]...                 the wire floor: download every partition, discard
//   naive  --connections-file F --table T --bucket B --s3-endpoint-url U      the seed's approach: all rows in memory, LINQ, one PutObject
//   engine --data FILE --table T --out FILE.parquet [--key-column C]...       the engine floor: DuckDB COPY ... TO a local Parquet file
//   service --address URL --table T --destination s3://B/P/ --jobs N [--mode single|sequential|concurrent] [--key-column C]... [--reference SHA256]
//                                                                             N transfers through a running snowferry serve (key in SNOWFERRY_BENCH_KEY)
//   report --runs FILE --out RESULTS.md [--meta FILE]                         medians and ratios from the runs' TSV
if (args.Length == 0)
{
    await Console.Error.WriteLineAsync("usage: snowferry-bench wire|naive|engine|service|report [options] (see Program.cs)");
    return 2;
}

var options = BenchArgs.Parse(args.AsSpan(1));
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return args[0] switch
    {
        "wire" => await WireFloor.RunAsync(options, cancel.Token),
        "naive" => await NaiveTransfer.RunAsync(options, cancel.Token),
        "engine" => EngineFloor.Run(options, cancel.Token),
        "service" => await ServiceScenario.RunAsync(options, cancel.Token),
        "report" => ResultsReport.Run(options),
        _ => 2,
    };
}
catch (OutOfMemoryException error)
{
    // The naive approach under a memory limit ends here (or is killed by the kernel before it can say so).
    await Console.Error.WriteLineAsync($"OutOfMemoryException: {error.Message}");
    return 137;
}
