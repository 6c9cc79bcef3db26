using System.Buffers;

namespace Snowferry.Snowflake.Values;

/// <summary>Where one value sits in a <see cref="ChunkedBytes"/>.</summary>
internal readonly record struct ByteRange(int Chunk, int Offset, int Length);

/// <summary>
/// Variable-length values (UTF-8 text, binary) packed into pooled 64 KiB chunks, each value whole in one chunk (a
/// longer value gets a chunk of its own). Text kept as the wire's UTF-8 costs no string per cell, and the writers copy
/// the bytes as they are: the profile put a string per text cell (and its UTF-16 transcoding) at ~100 B and ~0.2 µs a row.
/// </summary>
internal struct ChunkedBytes
{
    private const int ChunkSize = 64 * 1024;

    private byte[][] _chunks;
    private int _chunkCount;
    private int _used;

    public ChunkedBytes() => _chunks = [];

    /// <summary>Bytes of the chunks held.</summary>
    public readonly long AllocatedBytes
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _chunkCount; i++)
            {
                total += _chunks[i].Length;
            }

            return total;
        }
    }

    public readonly ReadOnlySpan<byte> this[ByteRange range] =>
        range.Length == 0 ? default : _chunks[range.Chunk].AsSpan(range.Offset, range.Length);

    /// <summary>Room for up to <paramref name="length"/> bytes; <see cref="Commit"/> how many were written.</summary>
    public Span<byte> Reserve(int length)
    {
        if (_chunkCount == 1 && _used + length > _chunks[0].Length && _used + length <= ChunkSize)
        {
            // The first chunk starts small, for batches of a few rows, and doubles up to the chunk size.
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_used + length, Math.Min(_chunks[0].Length * 2, ChunkSize)));
            _chunks[0].AsSpan(0, _used).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_chunks[0]);
            _chunks[0] = bigger;
        }
        else if (_chunkCount == 0 || _used + length > _chunks[_chunkCount - 1].Length)
        {
            if (_chunkCount == _chunks.Length)
            {
                Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
            }

            _chunks[_chunkCount++] = ArrayPool<byte>.Shared.Rent(Math.Max(_chunkCount == 0 ? 1024 : ChunkSize, length));
            _used = 0;
        }

        return _chunks[_chunkCount - 1].AsSpan(_used, length);
    }

    /// <summary>Counts the first <paramref name="written"/> bytes of the last <see cref="Reserve"/> as a value.</summary>
    public ByteRange Commit(int written)
    {
        var range = written == 0 ? default : new ByteRange(_chunkCount - 1, _used, written);
        _used += written;
        return range;
    }

    public ByteRange Add(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(value.Length));
        return Commit(value.Length);
    }

    public void Release()
    {
        for (var i = 0; i < _chunkCount; i++)
        {
            ArrayPool<byte>.Shared.Return(_chunks[i]);
        }

        _chunks = [];
        _chunkCount = 0;
        _used = 0;
    }
}
