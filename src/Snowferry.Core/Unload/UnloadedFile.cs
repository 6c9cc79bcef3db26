namespace Snowferry.Unload;

/// <summary>One data file of an unload, as Snowflake reported it and S3 confirmed it.</summary>
/// <param name="Key">The object key in the bucket.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="RowCount">Rows in it (Snowflake's ROW_COUNT).</param>
public sealed record UnloadedFile(string Key, long Bytes, long RowCount);
