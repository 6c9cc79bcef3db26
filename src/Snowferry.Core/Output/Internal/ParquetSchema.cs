using ParquetSharp;
using ParquetSharp.Schema;
using Snowferry.Snowflake.Values;

namespace Snowferry.Output.Internal;

/// <summary>
/// The Parquet type of each output column, all OPTIONAL: fixed → DECIMAL(p, s) in 16 bytes; real → DOUBLE; boolean →
/// BOOLEAN; date → DATE; time → TIME(NANOS); timestamps → TIMESTAMP(MICROS when the scale is 6 or less, else NANOS),
/// adjusted to UTC for LTZ/TZ (the TZ offset is not kept), not for NTZ; binary → BYTE_ARRAY; semi-structured → JSON;
/// text and everything else → STRING.
/// </summary>
internal static class ParquetSchema
{
    public static GroupNode CreateRoot(OutputColumn[] columns)
    {
        var fields = new Node[columns.Length];
        try
        {
            for (var i = 0; i < columns.Length; i++)
            {
                fields[i] = CreateNode(columns[i]);
            }

            return new GroupNode("schema", Repetition.Required, fields, null);
        }
        finally
        {
            // The group holds its own copies of the native nodes.
            foreach (var field in fields)
            {
                field?.Dispose();
            }
        }
    }

    public static ParquetColumn CreateColumn(OutputColumn column, int ordinal, int chunkRows) => column.Type switch
    {
        SnowflakeType.Fixed => new ParquetDecimalColumn(column, ordinal, chunkRows, Precision(column), column.Scale ?? 0),
        SnowflakeType.Real => new ParquetDoubleColumn(column, ordinal, chunkRows),
        SnowflakeType.Boolean => new ParquetBooleanColumn(column, ordinal, chunkRows),
        SnowflakeType.Date => new ParquetDateColumn(column, ordinal, chunkRows),
        SnowflakeType.Time => new ParquetTimeColumn(column, ordinal, chunkRows),
        SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz =>
            new ParquetTimestampColumn(column, ordinal, chunkRows, UsesNanos(column)),
        _ => new ParquetByteArrayColumn(column, ordinal, chunkRows),
    };

    /// <summary>The declared precision when it is a valid one for the scale, else 38.</summary>
    public static int Precision(OutputColumn column) =>
        column.Precision is { } p && p >= 1 && p <= SnowflakeDecimal.MaxPrecision && p >= (column.Scale ?? 0) ? p : SnowflakeDecimal.MaxPrecision;

    private static bool UsesNanos(OutputColumn column) => (column.Scale ?? 9) > 6;

    private static PrimitiveNode CreateNode(OutputColumn column)
    {
        using var logical = column.Type switch
        {
            SnowflakeType.Fixed => LogicalType.Decimal(Precision(column), column.Scale ?? 0),
            SnowflakeType.Date => LogicalType.Date(),
            SnowflakeType.Time => LogicalType.Time(isAdjustedToUtc: false, TimeUnit.Nanos),
            SnowflakeType.TimestampNtz => LogicalType.Timestamp(isAdjustedToUtc: false, UsesNanos(column) ? TimeUnit.Nanos : TimeUnit.Micros),
            SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz =>
                LogicalType.Timestamp(isAdjustedToUtc: true, UsesNanos(column) ? TimeUnit.Nanos : TimeUnit.Micros),
            SnowflakeType.Variant or SnowflakeType.Object or SnowflakeType.Array or SnowflakeType.Map or SnowflakeType.Vector => LogicalType.Json(),
            SnowflakeType.Real or SnowflakeType.Boolean or SnowflakeType.Binary => LogicalType.None(),
            _ => LogicalType.String(),
        };

        var physical = column.Type switch
        {
            SnowflakeType.Fixed => PhysicalType.FixedLenByteArray,
            SnowflakeType.Real => PhysicalType.Double,
            SnowflakeType.Boolean => PhysicalType.Boolean,
            SnowflakeType.Date => PhysicalType.Int32,
            SnowflakeType.Time or SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz => PhysicalType.Int64,
            _ => PhysicalType.ByteArray,
        };

        return new PrimitiveNode(
            column.Name, Repetition.Optional, logical, physical, physical == PhysicalType.FixedLenByteArray ? ParquetDecimalColumn.ByteWidth : -1);
    }
}
