using Snowferry.Output;

namespace Snowferry.Tests.Transfer;

public sealed class AllocatorTuningTests
{
    private static readonly string[] s_variables = ["MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"];

    [Fact]
    public void LimitAllocatorRetention_OnGlibcLinux_ReachesMallopt()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/usr/lib/x86_64-linux-gnu/libc.so.6"), "glibc on x86-64 Linux only");
        var userSetAll = s_variables.All(name => Environment.GetEnvironmentVariable(name) is not null);

        // True means glibc's mallopt was found and accepted a setting: a wrong library name or entry point would
        // throw inside and come back false, silently leaving the CLI's memory as it was.
        Assert.Equal(!userSetAll, AllocatorTuning.LimitAllocatorRetention());
    }
}
