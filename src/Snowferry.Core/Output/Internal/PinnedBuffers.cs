using System.Collections.Concurrent;

namespace Snowferry.Output.Internal;

/// <summary>
/// The Parquet columns' pinned 64 KiB value buffers, kept for the next writer: a writer made them anew for every
/// file (about 70 B per row of a 10,000-row file in the micro-benchmark), on the pinned heap, which no collection
/// compacts. A few are kept; a larger buffer (a chunk of long texts) is left to the collector.
/// </summary>
internal static class PinnedBuffers
{
    public const int Size = 64 * 1024;

    private const int Kept = 64;

    private static readonly ConcurrentQueue<byte[]> s_free = new();

    public static byte[] Rent() => s_free.TryDequeue(out var buffer) ? buffer : GC.AllocateUninitializedArray<byte>(Size, pinned: true);

    public static void Return(byte[] buffer)
    {
        if (buffer.Length == Size && s_free.Count < Kept)
        {
            s_free.Enqueue(buffer);
        }
    }
}
