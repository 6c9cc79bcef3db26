using System.Buffers;

namespace Snowferry.Output.Internal;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}"/>, for the text writers: rows are encoded into it and
/// it is written out whole once past the flush threshold. Capped: a single row larger than the cap is an error, not
/// an unbounded allocation.
/// </summary>
internal sealed class PooledByteBuffer : IBufferWriter<byte>, IDisposable
{
    /// <summary>Largest buffer: one row (a few 16 MB cells) must fit.</summary>
    public const int MaxCapacity = 512 * 1024 * 1024;

    private byte[] _array;
    private int _count;

    public PooledByteBuffer(int initialCapacity) => _array = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int WrittenCount => _count;

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _count);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _count);
        _count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_count);
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _count += bytes.Length;
    }

    /// <summary>Appends one byte.</summary>
    public void Write(byte value)
    {
        GetSpan(1)[0] = value;
        _count++;
    }

    public void Clear() => _count = 0;

    public void Dispose()
    {
        var array = _array;
        _array = [];
        _count = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = (long)_count + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        if (needed > MaxCapacity)
        {
            throw new OutputDataException($"A row needs more than {MaxCapacity / (1024 * 1024)} MiB of output buffer.");
        }

        var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(MaxCapacity, Math.Max(needed, (long)_array.Length * 2)));
        _array.AsSpan(0, _count).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_array);
        _array = grown;
    }
}
