namespace Snowferry.LocalSnowflake.Server;

/// <summary>What the local Snowflake's result cache has done since the server started, and what it holds now.</summary>
/// <param name="Hits">Statements answered from a cached result instead of running.</param>
/// <param name="RowsServed">Rows of the results those statements were answered with.</param>
/// <param name="Stored">Results put in the cache (a statement that ran, whose result may be reused).</param>
/// <param name="Entries">Results it holds now.</param>
/// <param name="Bytes">What those occupy: partition 0 in memory plus the gzip partition files.</param>
public sealed record LocalResultCacheStatistics(long Hits, long RowsServed, long Stored, int Entries, long Bytes);
