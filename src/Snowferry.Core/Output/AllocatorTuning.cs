using System.Runtime.InteropServices;

namespace Snowferry.Output;

/// <summary>
/// Process-wide tuning of glibc's allocator for a long streaming transfer, for the host that owns the process (the CLI
/// calls it first thing; a library never changes its host's allocator on its own).
/// </summary>
/// <remarks>
/// The Parquet writer (Arrow C++) allocates its page and row-group buffers with <c>malloc</c>, from whichever pool
/// thread runs the writer. glibc gives threads arenas of their own, and after the first large buffer is freed it
/// raises its mmap threshold so later ones come from the arenas too, where freed memory stays resident. A fixed 1 MiB
/// mmap threshold (large buffers mapped and unmapped on their own) and a cap on arenas limit that; the cap only stops
/// new arenas, and the runtime's threads have made several before <c>Main</c>, so the Parquet writer also hands the
/// arenas' free pages back after each row group (<see cref="ReleaseFreeNativeMemory"/>): 254 → 167 MiB peak
/// RSS on 27.7M output rows, the GC's young generation capped alike (bench/RESULTS.md). A variable the user set (<c>MALLOC_ARENA_MAX</c>,
/// <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>) wins; elsewhere than glibc on Linux nothing changes.
/// </remarks>
public static class AllocatorTuning
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;
    private const int MArenaMax = -8;
    private const int OneMiB = 1024 * 1024;

    /// <summary>Whether <c>malloc_trim</c> exists here (glibc on Linux; not musl, not other systems): probed once.</summary>
    private static readonly Lazy<bool> s_canTrim = new(() =>
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    });

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

    /// <summary>
    /// Returns the free pages inside glibc's arenas to the system (<c>malloc_trim(0)</c>, which since glibc 2.8 walks
    /// every arena, not only the top of the main heap). It frees nothing in use and changes no setting, so a writer may
    /// call it on its own after releasing a large amount of native memory. A no-op elsewhere than glibc on Linux.
    /// </summary>
    internal static void ReleaseFreeNativeMemory()
    {
        if (s_canTrim.Value)
        {
            _ = MallocTrim(0);
        }
    }

    private static bool Set(string variable, int parameter, int value) =>
        Environment.GetEnvironmentVariable(variable) is null && Mallopt(parameter, value) == 1;

    // DllImport, not LibraryImport: plain integers need no marshalling, and LibraryImport would need unsafe code enabled.
    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
