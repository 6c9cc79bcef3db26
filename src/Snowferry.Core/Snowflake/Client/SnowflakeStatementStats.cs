namespace Snowferry.Snowflake.Client;

/// <summary>Row counts of a DML statement, from the response's <c>stats</c>.</summary>
/// <param name="RowsInserted"><c>numRowsInserted</c>.</param>
/// <param name="RowsUpdated"><c>numRowsUpdated</c>.</param>
/// <param name="RowsDeleted"><c>numRowsDeleted</c>.</param>
/// <param name="DuplicateRowsUpdated"><c>numDuplicateRowsUpdated</c>.</param>
public sealed record SnowflakeStatementStats(long? RowsInserted, long? RowsUpdated, long? RowsDeleted, long? DuplicateRowsUpdated);
