using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Snowferry.Snowflake.Values;

/// <summary>
/// An append-only list stored in chunks of at most 32 KiB. A decoded partition is garbage as soon as it is written
/// out; arrays of 85,000 bytes or more would go to the large object heap, which only a full (gen2) collection frees,
/// so a long transfer's dead partitions piled up there by the hundred megabytes. Small chunks die young, in gen0; and
/// they are rented from <see cref="ArrayPool{T}"/>, so a batch that is released (<see cref="Release"/>, once written)
/// hands them to the next partition instead of allocating (the profile showed a partition's decode allocating ~110 B per row).
/// </summary>
internal struct ChunkedList<T>
{
    private const int ChunkBytes = 32 * 1024;

    // A power of two, so that a row splits into chunk and offset with a shift and a mask.
    private static readonly int s_shift = BitOperations.Log2((uint)Math.Max(1, ChunkBytes / Unsafe.SizeOf<T>()));
    private static readonly int s_mask = (1 << s_shift) - 1;

    private T[][] _chunks;
    private int _count;

    public ChunkedList() => _chunks = [];

    public readonly int Count => _count;

    /// <summary>Bytes of the chunks held (what a decoded batch costs the prefetch budget).</summary>
    public readonly long AllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (var chunk in _chunks ?? [])
            {
                total += chunk is null ? 0 : (long)chunk.Length * Unsafe.SizeOf<T>();
            }

            return total;
        }
    }

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

    /// <summary>The values from <paramref name="start"/> on that sit in one chunk, at most <paramref name="count"/> of them.</summary>
    public readonly ReadOnlySpan<T> Segment(int start, int count)
    {
        if ((uint)start > (uint)_count || (uint)count > (uint)(_count - start))
        {
            ThrowOutOfRange(start);
        }

        var offset = start & s_mask;
        return count == 0 ? default : _chunks[start >> s_shift].AsSpan(offset, Math.Min(count, (1 << s_shift) - offset));
    }

    /// <summary>A slot at the end, not yet counted: fill it, then <see cref="Commit"/> it (a failed parse leaves no row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Next()
    {
        var chunk = _count >> s_shift;
        var offset = _count & s_mask;
        if (chunk < _chunks.Length && _chunks[chunk] is { } array && offset < array.Length)
        {
            return ref array[offset];
        }

        return ref Grow(chunk)[offset];
    }

    public void Commit() => _count++;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        Next() = value;
        _count++;
    }

    /// <summary>Returns the chunks to the pool; the list is empty afterwards.</summary>
    public void Release()
    {
        var chunks = _chunks ?? [];
        _chunks = [];
        _count = 0;
        foreach (var chunk in chunks)
        {
            if (chunk is not null)
            {
                ArrayPool<T>.Shared.Return(chunk, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            }
        }
    }

    private T[] Grow(int chunk)
    {
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
        }

        var full = 1 << s_shift;
        if (_chunks[chunk] is not { } current)
        {
            // The first chunk starts small and doubles (a batch of a few rows holds a few hundred bytes, which is what
            // the prefetch budget then counts); every later one is full-size.
            return _chunks[chunk] = ArrayPool<T>.Shared.Rent(chunk == 0 ? Math.Min(16, full) : full);
        }

        var bigger = ArrayPool<T>.Shared.Rent(Math.Min(current.Length * 2, full));
        current.AsSpan(0, _count & s_mask).CopyTo(bigger);
        ArrayPool<T>.Shared.Return(current, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        return _chunks[chunk] = bigger;
    }

    private static void ThrowOutOfRange(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "No such row in this batch.");
}
