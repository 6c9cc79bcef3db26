using Snowferry.Planning;
using Snowferry.Tests.Planning;
using Snowferry.Unload;

namespace Snowferry.Tests.Unload;

/// <summary><see cref="TransferModeChooser.Decide"/>: from the two counts to the mode, the figures and the reason.</summary>
public sealed class TransferModeChooserTests
{
    private static readonly TransferPlan s_ratings =
        TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["USERID", "MOVIEID"] });

    [Theory]
    [InlineData(1_000, 3_000, 1_000, "~1,000 output rows x ~52 bytes = ~50.78 KiB < threshold 10 GiB")]
    [InlineData(30_000_000, 25_000_000, 25_000_000, "~25,000,000 output rows x ~52 bytes = ~1.21 GiB < threshold 10 GiB")]
    [InlineData(0, 0, 0, "~0 output rows x ~52 bytes = ~0 B < threshold 10 GiB")]
    public void Decide_BelowDefaultThreshold_StreamsAndSaysByHowMuch(long sourceRows, long groups, long expectedRows, string reason)
    {
        var decision = TransferModeChooser.Decide(s_ratings.OutputSchema, sourceRows, groups, TransferModeChooser.DefaultThresholdBytes);

        Assert.Equal(TransferMode.Stream, decision.Mode);
        Assert.Equal(expectedRows, decision.EstimatedRows);
        Assert.Equal(expectedRows * 52, decision.EstimatedBytes);
        Assert.Equal(sourceRows, decision.SourceRows);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void Decide_OutputBeyondLong_SaturatesAndUnloads()
    {
        var decision = TransferModeChooser.Decide(s_ratings.OutputSchema, long.MaxValue, long.MaxValue, long.MaxValue);

        Assert.Equal(TransferMode.Unload, decision.Mode);
        Assert.Equal(long.MaxValue, decision.EstimatedBytes);
        Assert.EndsWith(">= threshold 8192 PiB", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NegativeCounts_ReadAsNoRows()
    {
        var decision = TransferModeChooser.Decide(s_ratings.OutputSchema, -5, -1, 1);

        Assert.Equal(TransferMode.Stream, decision.Mode);
        Assert.Equal(0, decision.EstimatedRows);
    }
}
