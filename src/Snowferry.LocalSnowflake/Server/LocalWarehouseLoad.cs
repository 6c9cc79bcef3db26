namespace Snowferry.LocalSnowflake.Server;

/// <summary>How busy one warehouse of the local Snowflake is: what a test reads to see its concurrency level hold.</summary>
/// <param name="Running">Statements holding one of its slots now (in their delay or in the engine).</param>
/// <param name="Queued">Statements waiting for a slot now, in submission order.</param>
/// <param name="PeakRunning">The most that ever held a slot at once since the server started.</param>
public sealed record LocalWarehouseLoad(int Running, int Queued, int PeakRunning);
