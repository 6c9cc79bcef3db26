namespace Snowferry.Cli;

/// <summary>
/// The CLI's managed-heap limit, in two steps. <c>snowferry.runtimeconfig.json</c> declares 256 MiB
/// (<c>Snowferry.Cli.csproj</c>), and the GC sizes its young generation once, at start-up, for that small heap; left
/// to itself it sizes it from the CPU's last-level cache, which some servers report in hundreds of MiB (260 MiB on the
/// bench machine), and a streaming transfer then kept ~70 MiB of garbage resident between collections
/// (bench/RESULTS.md). Right after start-up <see cref="RaiseToWorkingLimit"/> lifts the limit to 768 MiB, what the
/// 1 GB processing server can give the heap beside native memory; the young generation keeps its start-up size.
/// A limit the user set (<c>DOTNET_GCHeapHardLimit</c> and friends) is left alone.
/// </summary>
internal static class HeapLimit
{
    /// <summary>The managed heap's limit while a command runs: 768 MiB.</summary>
    public const long WorkingLimitBytes = 768L * 1024 * 1024;

    private static readonly string[] s_userSettings =
    [
        "DOTNET_GCHeapHardLimit", "COMPlus_GCHeapHardLimit", "DOTNET_GCHeapHardLimitPercent", "COMPlus_GCHeapHardLimitPercent",
    ];

    /// <summary>Raises a limit below <see cref="WorkingLimitBytes"/> to it, unless the user chose the limit.</summary>
    public static void RaiseToWorkingLimit()
    {
        if (s_userSettings.Any(name => Environment.GetEnvironmentVariable(name) is not null)
            || GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >= WorkingLimitBytes)
        {
            return;
        }

        AppContext.SetData("GCHeapHardLimit", (ulong)WorkingLimitBytes);
        GC.RefreshMemoryLimit();
    }
}
