using System.Buffers;
using System.IO.Compression;

namespace Snowferry.Snowflake.Client;

/// <summary>A response body in a rented array, grown by doubling up to a cap; returned to the pool on dispose.</summary>
internal sealed class PooledBuffer : IDisposable
{
    private readonly int _maxLength;
    private byte[] _array;
    private int _length;

    public PooledBuffer(int initialCapacity, int maxLength)
    {
        _maxLength = maxLength;
        _array = ArrayPool<byte>.Shared.Rent(Math.Clamp(initialCapacity, 256, maxLength));
    }

    public int Length => _length;

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, _length);

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    /// <summary>Gzip magic: JSON never starts with 0x1f, so a body that does is compressed whatever the headers say.</summary>
    public bool IsGzip => _length >= 2 && _array[0] == 0x1f && _array[1] == 0x8b;

    /// <summary>Reads the whole stream; throws <see cref="SnowferryException"/> past the cap.</summary>
    public static async Task<PooledBuffer> ReadAllAsync(Stream stream, int initialCapacity, int maxLength, CancellationToken cancellationToken)
    {
        var buffer = new PooledBuffer(initialCapacity, maxLength);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.FreeSpace(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer._length += read;
            }

            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Gunzips this buffer into a new one, on the calling thread (the body is in memory: nothing to wait for). A
    /// truncated stream surfaces as bad JSON or <see cref="InvalidDataException"/>.
    /// </summary>
    public PooledBuffer Gunzip(int sizeHint)
    {
        using var gzip = new GZipStream(new MemoryStream(_array, 0, _length, writable: false), CompressionMode.Decompress);
        var buffer = new PooledBuffer(sizeHint > 0 ? sizeHint + 1 : _length * 8, _maxLength);
        try
        {
            int read;
            while ((read = gzip.Read(buffer.FreeSpace().Span)) > 0)
            {
                buffer._length += read;
            }

            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>The unfilled end of the array, grown first when full, so a read never gets an empty span.</summary>
    private Memory<byte> FreeSpace()
    {
        if (_length == _array.Length)
        {
            Grow();
        }

        return _array.AsMemory(_length);
    }

    private void Grow()
    {
        if (_array.Length >= _maxLength)
        {
            throw new SnowferryException(
                $"A Snowflake response body exceeds the {_maxLength}-byte limit (SnowflakeClientOptions.MaxResponseBytes).");
        }

        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_array.Length * 2, _maxLength));
        _array.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }
}
