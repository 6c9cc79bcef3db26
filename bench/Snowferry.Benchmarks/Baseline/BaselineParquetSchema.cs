using Snowferry.Output;
using Snowferry.Output.Internal;
using Snowferry.Snowflake.Values;

namespace Snowferry.Benchmarks.Baseline;

/// <summary>The baseline writer's columns, as <c>ParquetSchema.CreateColumn</c> made them before issue 15.</summary>
internal static class BaselineParquetSchema
{
    public static BaselineParquetColumn CreateColumn(OutputColumn column, int ordinal, int chunkRows) => column.Type switch
    {
        SnowflakeType.Fixed => new BaselineParquetDecimalColumn(column, ordinal, chunkRows, ParquetSchema.Precision(column), column.Scale ?? 0),
        SnowflakeType.Real => new BaselineParquetDoubleColumn(column, ordinal, chunkRows),
        SnowflakeType.Boolean => new BaselineParquetBooleanColumn(column, ordinal, chunkRows),
        SnowflakeType.Date => new BaselineParquetDateColumn(column, ordinal, chunkRows),
        SnowflakeType.Time => new BaselineParquetTimeColumn(column, ordinal, chunkRows),
        SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz =>
            new BaselineParquetTimestampColumn(column, ordinal, chunkRows, (column.Scale ?? 9) > 6),
        _ => new BaselineParquetByteArrayColumn(column, ordinal, chunkRows),
    };
}
