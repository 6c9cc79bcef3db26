using System.Numerics;
using System.Runtime.CompilerServices;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>
/// An append-only list stored in chunks of at most 32 KiB. A decoded partition is garbage as soon as it is written
/// out; arrays of 85,000 bytes or more would go to the large object heap, which only a full (gen2) collection frees,
/// so a long transfer's dead partitions piled up there by the hundred megabytes. Small chunks die young, in gen0.
/// </summary>
internal struct BaselineChunkedList<T>
{
    private const int ChunkBytes = 32 * 1024;

    // A power of two, so that a row splits into chunk and offset with a shift and a mask.
    private static readonly int s_shift = BitOperations.Log2((uint)Math.Max(1, ChunkBytes / Unsafe.SizeOf<T>()));
    private static readonly int s_mask = (1 << s_shift) - 1;

    private T[][] _chunks;
    private int _count;

    public BaselineChunkedList() => _chunks = [];

    public readonly int Count => _count;

    public readonly T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowOutOfRange(index);
            }

            return _chunks[index >> s_shift][index & s_mask];
        }
    }

    /// <summary>A slot at the end, not yet counted: fill it, then <see cref="Commit"/> it (a failed parse leaves no row).</summary>
    public ref T Next()
    {
        var chunk = _count >> s_shift;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
        }

        var array = _chunks[chunk] ??= new T[1 << s_shift];
        return ref array[_count & s_mask];
    }

    public void Commit() => _count++;

    public void Add(T value)
    {
        Next() = value;
        _count++;
    }

    private static void ThrowOutOfRange(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "No such row in this batch.");
}
