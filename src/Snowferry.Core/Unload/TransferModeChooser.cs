using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Internal;
using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Values;

namespace Snowferry.Unload;

/// <summary>
/// Picks the path for <c>--mode auto</c>. One statement, run in Snowflake over the table
/// (<see cref="TransferPlan.EstimateStatement"/>): <c>COUNT(*)</c> and <c>APPROX_COUNT_DISTINCT</c> over the plan's
/// month and key expressions, i.e. the number of output rows within HyperLogLog's ~2% (blank rows, a tiny share, are
/// not excluded, so it errs high). The output size is that × a row width estimated from the output types
/// (<see cref="EstimateRowWidth"/>). At or above <see cref="ThresholdBytes"/> the result goes by unload, below it is
/// streamed (one file, byte-identical across runs).
/// </summary>
public sealed class TransferModeChooser
{
    /// <summary>The default threshold: 10 GiB of estimated output, minutes through one machine.</summary>
    public const long DefaultThresholdBytes = 10L * 1024 * 1024 * 1024;

    private readonly SnowflakeClient _client;
    private readonly ILogger _logger;

    /// <summary>Creates the chooser.</summary>
    public TransferModeChooser(SnowflakeClient client, long thresholdBytes = DefaultThresholdBytes, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thresholdBytes);
        _client = client;
        ThresholdBytes = thresholdBytes;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Estimated output bytes from which the unload path is chosen.</summary>
    public long ThresholdBytes { get; }

    /// <summary>The estimate's statement timeout (1 second to 7 days); the client's default when null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero, negative, or longer than 7 days.</exception>
    public TimeSpan? StatementTimeout
    {
        get;
        init => field = SnowflakeStatementOptions.CheckTimeout(value, nameof(StatementTimeout));
    }

    /// <summary>Estimates the plan's output and chooses.</summary>
    /// <exception cref="SnowflakeException">Snowflake failed the estimate.</exception>
    public async Task<TransferModeDecision> ChooseAsync(TransferPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var result = await _client.ExecuteAsync(
            Planning.Sql.SqlRenderer.Render(plan.EstimateStatement),
            new SnowflakeStatementOptions { QueryTag = "snowferry-estimate", Timeout = StatementTimeout },
            cancellationToken).ConfigureAwait(false);
        long rows = 0, groups = 0;
        await foreach (var batch in result.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (batch.RowCount > 0)
            {
                rows = batch.GetValue<long>(0, 0);
                groups = batch.IsNull(0, 1) ? 0 : batch.GetValue<long>(0, 1);
            }
        }

        var decision = Decide(plan.OutputSchema, rows, groups, ThresholdBytes);
        var mode = decision.Mode == TransferMode.Unload ? "Unload" : "Stream";
        Log.ModeEstimated(_logger, mode, decision.EstimatedRows, decision.EstimatedBytes, decision.SourceRows);
        return decision;
    }

    /// <summary>The pure part of <see cref="ChooseAsync"/>: from the two counts to the decision.</summary>
    public static TransferModeDecision Decide(IReadOnlyList<OutputColumn> schema, long sourceRows, long approximateGroups, long thresholdBytes)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var estimatedRows = Math.Clamp(approximateGroups, 0, Math.Max(0, sourceRows));
        var width = EstimateRowWidth(schema);
        var bytes = estimatedRows > long.MaxValue / Math.Max(1, width) ? long.MaxValue : estimatedRows * width;
        var mode = bytes >= thresholdBytes ? TransferMode.Unload : TransferMode.Stream;
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"~{estimatedRows:N0} output rows x ~{width} bytes = ~{Size(bytes)} {(mode == TransferMode.Unload ? ">=" : "<")} threshold {Size(thresholdBytes)}");
        return new TransferModeDecision(mode, sourceRows, estimatedRows, bytes, reason);
    }

    // In the unit that keeps the figure readable (a 3 KiB estimate would read "0 GiB"); ASCII, as reasons go to logs and
    // JSON reports, where "≥" would arrive as "\u2265".
    private static string Size(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {units[unit]}");
    }

    /// <summary>
    /// Bytes per output row, uncompressed, as a rough guide: 16 per NUMBER (an exact 38-digit decimal), 8 per FLOAT,
    /// TIMESTAMP or TIME, 4 per DATE, 1 per BOOLEAN, 32 per text or binary value, 64 per semi-structured value.
    /// </summary>
    public static long EstimateRowWidth(IReadOnlyList<OutputColumn> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Math.Max(1, schema.Sum(c => c.Type switch
        {
            SnowflakeType.Fixed => 16L,
            SnowflakeType.Real or SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz or SnowflakeType.Time => 8L,
            SnowflakeType.Date => 4L,
            SnowflakeType.Boolean => 1L,
            SnowflakeType.Text or SnowflakeType.Binary => 32L,
            _ => 64L,
        }));
    }
}
