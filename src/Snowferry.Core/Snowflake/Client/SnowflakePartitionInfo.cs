namespace Snowferry.Snowflake.Client;

/// <summary>One entry of <c>resultSetMetaData.partitionInfo</c>.</summary>
/// <param name="RowCount">Rows in the partition.</param>
/// <param name="UncompressedSize">Bytes of the partition's JSON.</param>
/// <param name="CompressedSize">Bytes on the wire when gzip'd, if Snowflake said.</param>
public sealed record SnowflakePartitionInfo(int RowCount, long UncompressedSize, long? CompressedSize);
