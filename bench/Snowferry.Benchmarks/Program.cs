using BenchmarkDotNet.Running;
using Snowferry.Benchmarks;

if (args is ["profile", var what, var count])
{
    // A plain loop for dotnet-trace / dotnet-counters to watch (bench/README.md): no BenchmarkDotNet machinery around it.
    return await ProfileLoop.RunAsync(what, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point type, named so BenchmarkSwitcher can find this assembly.</summary>
public partial class Program;
