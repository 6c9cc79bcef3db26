namespace Snowferry.LocalSnowflake.Server;

/// <summary>A statement put in its warehouse's queue because every slot was taken.</summary>
/// <param name="Handle">The statement handle.</param>
/// <param name="Warehouse">The warehouse the request named; null when it named none.</param>
/// <param name="Statement">The SQL text (statements of a multi-statement request joined by <c>;</c>).</param>
public sealed record LocalStatementQueued(string Handle, string? Warehouse, string Statement);
