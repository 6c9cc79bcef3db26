using System.Runtime.InteropServices;

namespace Snowferry.Transfer;

/// <summary>
/// Process-wide tuning of glibc's allocator for a long streaming transfer, for the host that owns the process (the CLI
/// calls it first thing; a library never changes its host's allocator on its own).
/// </summary>
/// <remarks>
/// The Parquet writer (Arrow C++) allocates its page and row-group buffers with <c>malloc</c>, from whichever pool
/// thread runs the writer. glibc gives each such thread its own arena, and after the first large buffer is freed it
/// raises its mmap threshold so later ones come from the arenas too, where freed memory stays resident: about 90 MiB
/// over a transfer, measured in <c>/proc/PID/smaps</c> (bench/RESULTS.md). Two arenas and a fixed 1 MiB mmap threshold
/// (large buffers mapped and unmapped on their own) keep that flat. A variable the user set (<c>MALLOC_ARENA_MAX</c>,
/// <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>) wins; elsewhere than glibc on Linux nothing changes.
/// </remarks>
public static class AllocatorTuning
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;
    private const int MArenaMax = -8;
    private const int OneMiB = 1024 * 1024;

    /// <summary>Applies the settings; true when at least one was applied. Call before the first transfer starts.</summary>
    public static bool LimitAllocatorRetention()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var applied = false;
            applied |= Set("MALLOC_ARENA_MAX", MArenaMax, 2);
            applied |= Set("MALLOC_MMAP_THRESHOLD_", MMmapThreshold, OneMiB);
            applied |= Set("MALLOC_TRIM_THRESHOLD_", MTrimThreshold, OneMiB);
            return applied;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no mallopt): its allocator has neither behaviour to tune.
            return false;
        }
    }

    private static bool Set(string variable, int parameter, int value) =>
        Environment.GetEnvironmentVariable(variable) is null && Mallopt(parameter, value) == 1;

    // DllImport, not LibraryImport: two ints need no marshalling, and LibraryImport would need unsafe code enabled.
    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int parameter, int value);
}
