using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ParquetSharp;
using Snowferry.Output;
using Snowferry.Snowflake.Values;
using Encoding = System.Text.Encoding;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>
/// BYTE_ARRAY values (UTF-8 text, JSON text, binary) gathered in one pinned buffer: ParquetSharp's physical writer takes
/// pointers, and a pinned array lets them be made, once per chunk, without unsafe code or copies to native memory.
/// </summary>
internal sealed class BaselineParquetByteArrayColumn : BaselineParquetColumn
{
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly ByteArray[] _pointers;
    private byte[] _data = GC.AllocateUninitializedArray<byte>(64 * 1024, pinned: true);
    private int _used;

    public BaselineParquetByteArrayColumn(OutputColumn column, int ordinal, int chunkRows)
        : base(column, ordinal, chunkRows)
    {
        _offsets = new int[chunkRows];
        _lengths = new int[chunkRows];
        _pointers = new ByteArray[chunkRows];
    }

    public override long PendingBytes => _used + (4L * Values);

    protected override void AppendValue(BaselineRowBatch batch, int row, int index, long outputRow)
    {
        if (Column.Type == SnowflakeType.Binary)
        {
            var bytes = batch.GetValue<byte[]>(row, Ordinal);
            Reserve(bytes.Length, outputRow);
            bytes.CopyTo(_data.AsSpan(_used));
            Store(index, bytes.Length);
        }
        else
        {
            var text = batch.GetValue<string>(row, Ordinal);
            Reserve(Encoding.UTF8.GetMaxByteCount(text.Length), outputRow);
            Store(index, Encoding.UTF8.GetBytes(text, _data.AsSpan(_used)));
        }
    }

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
        _data = grown;
    }
}

/// <summary>
/// DECIMAL(p, s) as a 16-byte big-endian two's-complement FIXED_LEN_BYTE_ARRAY: the unscaled <see cref="Int128"/> as it
/// is, so all 38 digits survive (System.Decimal, and ParquetSharp's decimal path through it, stop at 28-29).
/// </summary>
internal sealed class BaselineParquetDecimalColumn : BaselineParquetColumn
{
    public const int ByteWidth = 16;

    private readonly byte[] _data;
    private readonly FixedLenByteArray[] _pointers;
    private readonly int _scale;
    private readonly Int128 _limit;

    public BaselineParquetDecimalColumn(OutputColumn column, int ordinal, int chunkRows, int precision, int scale)
        : base(column, ordinal, chunkRows)
    {
        _data = GC.AllocateUninitializedArray<byte>(chunkRows * ByteWidth, pinned: true);
        _pointers = new FixedLenByteArray[chunkRows];
        _scale = scale;
        _limit = SnowflakeDecimal.Pow10(precision);
    }

    public override long PendingBytes => (long)Values * ByteWidth;

    protected override void AppendValue(BaselineRowBatch batch, int row, int index, long outputRow)
    {
        var value = batch.GetValue<SnowflakeDecimal>(row, Ordinal);
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
