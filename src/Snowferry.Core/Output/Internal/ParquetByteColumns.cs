using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ParquetSharp;
using Snowferry.Snowflake.Values;

namespace Snowferry.Output.Internal;

/// <summary>
/// BYTE_ARRAY values (UTF-8 text, JSON text, binary) gathered in one pinned buffer: ParquetSharp's physical writer takes
/// pointers, and a pinned array lets them be made, once per chunk, without unsafe code or copies to native memory.
/// </summary>
internal sealed class ParquetByteArrayColumn : ParquetColumn
{
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly ByteArray[] _pointers;
    private byte[] _data = PinnedBuffers.Rent();
    private int _used;

    public ParquetByteArrayColumn(OutputColumn column, int ordinal, int chunkRows)
        : base(column, ordinal, chunkRows)
    {
        _offsets = ArrayPool<int>.Shared.Rent(chunkRows);
        _lengths = ArrayPool<int>.Shared.Rent(chunkRows);
        _pointers = ArrayPool<ByteArray>.Shared.Rent(chunkRows);
    }

    public override long PendingBytes => _used + (4L * Values);

    protected override int AppendSegment(ColumnBuffer buffer, int start, ReadOnlySpan<bool> nulls, int firstValue, long outputRow)
    {
        // The batch holds text as its UTF-8 and binary as its bytes: both are copied as they are.
        var bytes = (BytesColumnBuffer)buffer;
        var index = firstValue;
        for (var i = 0; i < nulls.Length; i++)
        {
            if (!nulls[i])
            {
                var value = bytes.GetBytes(start + i);
                Reserve(value.Length, outputRow + i);
                value.CopyTo(_data.AsSpan(_used));
                Store(index++, value.Length);
            }
        }

        return nulls.Length;
    }

    public override long BoundBytes(ColumnBuffer buffer, int start, int count) => ((BytesColumnBuffer)buffer).LengthSum(start, count) + (4L * count);

    protected override long ValueBytes(ColumnBuffer buffer, int row) => ((BytesColumnBuffer)buffer).GetBytes(row).Length + 4L;

    protected override void WriteChunk(ColumnWriter writer, int rows, ReadOnlySpan<short> defLevels, int values)
    {
        var start = Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        for (var i = 0; i < values; i++)
        {
            _pointers[i] = new ByteArray(start + _offsets[i], _lengths[i]);
        }

        ((ColumnWriter<ByteArray>)writer).WriteBatch(rows, defLevels, default, _pointers.AsSpan(0, values));
    }

    protected override void Reset() => _used = 0;

    protected override void ReleaseArrays()
    {
        PinnedBuffers.Return(_data);
        _data = [];
        ArrayPool<int>.Shared.Return(_offsets);
        ArrayPool<int>.Shared.Return(_lengths);
        ArrayPool<ByteArray>.Shared.Return(_pointers);
    }

    private void Store(int index, int length)
    {
        _offsets[index] = _used;
        _lengths[index] = length;
        _used += length;
    }

    private void Reserve(int bytes, long outputRow)
    {
        var needed = (long)_used + bytes;
        if (needed <= _data.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw Error("the chunk's values exceed 2 GiB.", outputRow);
        }

        var grown = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_data.Length * 2)), pinned: true);
        _data.AsSpan(0, _used).CopyTo(grown);
        PinnedBuffers.Return(_data);
        _data = grown;
    }
}

/// <summary>
/// DECIMAL(p, s) as a 16-byte big-endian two's-complement FIXED_LEN_BYTE_ARRAY: the unscaled <see cref="Int128"/> as it
/// is, so all 38 digits survive (System.Decimal, and ParquetSharp's decimal path through it, stop at 28-29).
/// </summary>
internal sealed class ParquetDecimalColumn : ParquetColumn
{
    public const int ByteWidth = 16;

    private readonly byte[] _data;
    private readonly FixedLenByteArray[] _pointers;
    private readonly int _scale;
    private readonly Int128 _limit;
    private readonly ulong _narrowLimit;

    public ParquetDecimalColumn(OutputColumn column, int ordinal, int chunkRows, int precision, int scale)
        : base(column, ordinal, chunkRows)
    {
        // Chunks of 4,096 rows fill exactly one pooled 64 KiB buffer; a smaller row group limit makes smaller chunks.
        _data = chunkRows * ByteWidth <= PinnedBuffers.Size ? PinnedBuffers.Rent() : GC.AllocateUninitializedArray<byte>(chunkRows * ByteWidth, pinned: true);
        _pointers = ArrayPool<FixedLenByteArray>.Shared.Rent(chunkRows);
        _scale = scale;
        _limit = SnowflakeDecimal.Pow10(precision);
        _narrowLimit = precision >= 19 ? ulong.MaxValue : (ulong)SnowflakeDecimal.Pow10(precision);
    }

    public override long PendingBytes => (long)Values * ByteWidth;

    protected override int AppendSegment(ColumnBuffer buffer, int start, ReadOnlySpan<bool> nulls, int firstValue, long outputRow)
    {
        var numbers = (DecimalColumnBuffer)buffer;
        if (numbers.IsNarrow && numbers.Scale == _scale)
        {
            // Unscaled longs already at the column's scale: sign-extended to 16 big-endian bytes, no Int128 arithmetic.
            var source = numbers.NarrowSegment(start, nulls.Length);
            var index = firstValue;
            for (var i = 0; i < source.Length; i++)
            {
                if (!nulls[i])
                {
                    var unscaled = source[i];
                    if ((ulong)Int128.Abs(unscaled) >= _narrowLimit)
                    {
                        throw Error($"a value has more digits than the column's precision allows.", outputRow + i);
                    }

                    var slot = _data.AsSpan(index++ * ByteWidth, ByteWidth);
                    BinaryPrimitives.WriteInt64BigEndian(slot, unscaled < 0 ? -1L : 0L);
                    BinaryPrimitives.WriteInt64BigEndian(slot[8..], unscaled);
                }
            }

            return source.Length;
        }

        var next = firstValue;
        for (var i = 0; i < nulls.Length; i++)
        {
            if (!nulls[i])
            {
                Write(numbers.Get(start + i), next++, outputRow + i);
            }
        }

        return nulls.Length;
    }

    public override long BoundBytes(ColumnBuffer buffer, int start, int count) => (long)count * ByteWidth;

    protected override long ValueBytes(ColumnBuffer buffer, int row) => ByteWidth;

    protected override void ReleaseArrays()
    {
        PinnedBuffers.Return(_data);
        ArrayPool<FixedLenByteArray>.Shared.Return(_pointers);
    }

    private void Write(SnowflakeDecimal value, int index, long outputRow)
    {
        if (value.Scale != _scale)
        {
            try
            {
                value = value.WithScale(_scale);
            }
            catch (OverflowException e)
            {
                throw Error($"a value of scale {value.Scale} cannot be written at the column's scale {_scale} without rounding.", outputRow, e);
            }
        }

        if (Int128.Abs(value.Unscaled) >= _limit)
        {
            throw Error($"a value has more digits than the column's precision allows.", outputRow);
        }

        BinaryPrimitives.WriteInt128BigEndian(_data.AsSpan(index * ByteWidth, ByteWidth), value.Unscaled);
    }

    protected override void WriteChunk(ColumnWriter writer, int rows, ReadOnlySpan<short> defLevels, int values)
    {
        var start = Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        for (var i = 0; i < values; i++)
        {
            _pointers[i] = new FixedLenByteArray(start + (i * ByteWidth));
        }

        ((ColumnWriter<FixedLenByteArray>)writer).WriteBatch(rows, defLevels, default, _pointers.AsSpan(0, values));
    }
}
