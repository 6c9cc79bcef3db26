using System.Text;
using Microsoft.Extensions.Logging;
using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Internal;
using Snowferry.Planning;
using Snowferry.Unload;

namespace Snowferry.Transfer;

/// <summary>
/// The one pipeline every transfer goes through: the run described and checked once (<see cref="TransferRun"/>), the
/// plan made once, the mode resolved (auto estimates here), then the <see cref="StreamStrategy"/> or the
/// <see cref="UnloadStrategy"/> runs the plan and returns the same <see cref="TransferReport"/>.
/// </summary>
internal sealed class TransferPipeline(TransferContext context, ITransferDestination destination)
{
    public async Task<TransferReport> RunAsync(TransferRun run, CancellationToken cancellationToken)
    {
        var progress = new TransferProgressReporter(run.Progress, context.Time, context.Time.GetTimestamp());
        progress.Report(TransferPhase.Planning, 0, null, 0);
        var plan = await PlanAsync(context, run, cancellationToken).ConfigureAwait(false);
        var (mode, reason, estimate) = await ChooseAsync(run, plan, cancellationToken).ConfigureAwait(false);
        var report = mode == TransferMode.Stream
            ? await new StreamStrategy(context, destination).RunAsync(run, plan, progress, cancellationToken).ConfigureAwait(false)
            : await new UnloadStrategy(context, (S3Destination)destination).RunAsync(run, plan, estimate?.SourceRows, progress, cancellationToken).ConfigureAwait(false);
        return report with { Mode = mode, ModeReason = reason, EstimatedRows = estimate?.EstimatedRows, EstimatedBytes = estimate?.EstimatedBytes };
    }

    /// <summary>What the run would do, moving no data: the plan and, for an unload, its <c>COPY INTO</c> statement.</summary>
    public async Task<string> DryRunAsync(TransferRun run, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(context, run, cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder(plan.Describe());
        if (run.Mode == TransferMode.Stream)
        {
            return text.ToString();
        }

        if (CannotUnload(run, plan) is { } cannot)
        {
            return run.Mode == TransferMode.Unload
                ? throw cannot
                : text.Append("\nmode auto streams: ").Append(cannot.Message).ToString();
        }

        text.Append(run.Mode == TransferMode.Auto
            ? "\nmode auto: an estimate decides at run time; if it unloads, the statement is:\n"
            : "\n");
        return text.Append(new UnloadStrategy(context, (S3Destination)destination).Prepare(run, plan).ToSql()).ToString();
    }

    public static async Task<TransferPlan> PlanAsync(TransferContext context, TransferRun run, CancellationToken cancellationToken)
    {
        var plan = await TransferPlanner.PlanAsync(context.Client, context.Settings, run.SourceTable, run.PlanOptions, run.StatementTimeout, cancellationToken)
            .ConfigureAwait(false);
        var table = plan.Table.ToString();
        Log.Planned(context.Logger, table, plan.OutputSchema.Count);
        foreach (var warning in plan.Warnings)
        {
            // Said before any data moves, so a run started with the defaults shows what it is about to sum.
            Log.PlanWarned(context.Logger, table, warning.Message);
        }

        return plan;
    }

    /// <summary>Stream when asked, unload when asked (or refuse), or auto: stream when an unload cannot run, else by the estimate.</summary>
    private async Task<(TransferMode Mode, string Reason, TransferModeDecision? Estimate)> ChooseAsync(
        TransferRun run, TransferPlan plan, CancellationToken cancellationToken)
    {
        if (run.Mode == TransferMode.Stream)
        {
            return (TransferMode.Stream, "asked for", null);
        }

        var table = plan.Table.ToString();
        if (CannotUnload(run, plan) is { } cannot)
        {
            if (run.Mode == TransferMode.Unload)
            {
                throw cannot;
            }

            // The estimate is a scan of the table, wasted when its answer could not be followed.
            Log.AutoCannotUnload(context.Logger, table, cannot.Message);
            return (TransferMode.Stream, "auto could not unload, so streamed without estimating: " + cannot.Message, null);
        }

        var estimate = run.Mode == TransferMode.Auto
            ? await new TransferModeChooser(context.Client, run.UnloadThresholdBytes, context.Loggers.CreateLogger<TransferModeChooser>()) { StatementTimeout = run.StatementTimeout }
                .ChooseAsync(plan, cancellationToken).ConfigureAwait(false)
            : null;
        var mode = estimate?.Mode ?? TransferMode.Unload;
        var reason = estimate is null ? "asked for" : "auto: " + estimate.Reason;
        Log.ModeChosen(context.Logger, table, mode == TransferMode.Unload ? "unload" : "stream", reason);
        return (mode, reason, estimate);
    }

    /// <summary>Why this run cannot unload: its options (found when the run was described) or the plan's columns.</summary>
    private static Exception? CannotUnload(TransferRun run, TransferPlan plan) =>
        run.CannotUnload ?? (UnloadStrategy.ColumnRefusal(plan, run.UnloadFormat) is { } columns ? new UnloadException(columns) : null);
}
