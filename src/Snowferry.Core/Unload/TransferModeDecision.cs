namespace Snowferry.Unload;

/// <summary>What <see cref="TransferModeChooser"/> chose and the figures it chose by.</summary>
/// <param name="Mode">Stream or unload (never auto).</param>
/// <param name="SourceRows">The table's row count.</param>
/// <param name="EstimatedRows">The estimated output rows (approximate distinct month/key combinations, at most the source rows).</param>
/// <param name="EstimatedBytes">The estimated output size: <paramref name="EstimatedRows"/> × the estimated row width.</param>
/// <param name="Reason">One line for people.</param>
public sealed record TransferModeDecision(TransferMode Mode, long SourceRows, long EstimatedRows, long EstimatedBytes, string Reason);
