using Snowferry.Planning;

namespace Snowferry.Tests.Planning;

/// <summary>The plan's warning of identifiers the defaults sum: the name rule, and only for columns actually summed.</summary>
public sealed class PlanWarningTests
{
    private static string[] Warned(TransferPlan plan) => [.. plan.Warnings.Select(w => w.Column)];

    [Theory]
    [InlineData("ID")]
    [InlineData("id")]
    [InlineData("USER_ID")]
    [InlineData("USERID")]
    [InlineData("O_ORDERKEY")]
    [InlineData("PARTKEY")]
    [InlineData("O_CUSTKEY")]
    public void LooksLikeIdentifier_IdOrKeySuffix_True(string name) => Assert.True(IdentifierColumns.LooksLikeIdentifier(name));

    [Theory]
    [InlineData("IDEA")]
    [InlineData("KEYS")]
    [InlineData("O_SHIPPRIORITY")]
    [InlineData("RATING")]
    [InlineData("AREA_KM2")]
    public void LooksLikeIdentifier_OtherNames_False(string name) => Assert.False(IdentifierColumns.LooksLikeIdentifier(name));

    [Fact]
    public void Plan_OrdersDefaults_WarnsOfTheSummedKeysInColumnOrderNamingTheOptions()
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns);

        Assert.Equal(["O_ORDERKEY", "O_CUSTKEY"], Warned(plan));
        Assert.All(plan.Warnings, w => Assert.Equal(PlanWarningCode.IdentifierSummed, w.Code));
        Assert.Equal(
            "Column \"O_ORDERKEY\" (NUMBER(38,0)) looks like an identifier, and the defaults sum it; " +
            "add it to TransferPlanOptions.KeyColumns to group by it instead, or to TransferPlanOptions.DropColumns to leave it out.",
            plan.Warnings[0].Message);
        // The defaults stay as the contract says: a warning never changes a role.
        Assert.Equal(ColumnRole.Sum, plan.Columns[0].Role);
    }

    [Fact]
    public void Plan_IdentifiersMadeKeys_NoWarning()
    {
        var plan = TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["USERID", "MOVIEID"] });

        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Plan_OneIdentifierMadeKey_WarnsOfTheOtherOnly()
    {
        var plan = TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["userid"] });

        Assert.Equal(["MOVIEID"], Warned(plan));
    }

    [Fact]
    public void Plan_IdentifierDropped_WarnsOfTheOtherOnly()
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns, new() { DropColumns = ["O_ORDERKEY"] });

        Assert.Equal(["O_CUSTKEY"], Warned(plan));
    }

    [Fact]
    public void Plan_IdentifierNotKept_NoWarning()
    {
        var plan = TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns, new() { KeepColumns = ["O_TOTALPRICE", "O_ORDERDATE"] });

        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Plan_MonthAndEpochColumnsNamedLikeIdentifiers_NoWarning()
    {
        var columns = SampleTables.Columns(("PERIOD_ID", "DATE", null, null), ("SEEN_KEY", "NUMBER", 38, 0), ("AMOUNT", "NUMBER", 12, 2));

        var byDefault = TransferPlanner.Plan(SampleTables.Table("T"), columns);
        var asEpoch = TransferPlanner.Plan(SampleTables.Table("T"), columns, new() { EpochColumns = ["SEEN_KEY"] });

        Assert.Equal(["SEEN_KEY"], Warned(byDefault));
        Assert.Equal([ColumnRole.Key, ColumnRole.Month, ColumnRole.Sum], asEpoch.Columns.Select(c => c.Role));
        Assert.Empty(asEpoch.Warnings);
    }

    [Fact]
    public void Plan_TextNamedLikeIdentifier_NoWarning()
    {
        var columns = SampleTables.Columns(("D", "DATE", null, null), ("USER_ID", "VARCHAR", null, null));

        var plan = TransferPlanner.Plan(SampleTables.Table("T"), columns);

        Assert.Equal(ColumnRole.Key, plan.Columns[1].Role);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Plan_QuotedLowerCaseFloatId_WarnedUnderItsExactName()
    {
        var columns = SampleTables.Columns(("D", "DATE", null, null), ("id", "FLOAT", null, null));

        var plan = TransferPlanner.Plan(SampleTables.Table("T"), columns);

        var warning = Assert.Single(plan.Warnings);
        Assert.Equal("id", warning.Column);
        Assert.StartsWith("Column \"id\" (FLOAT) looks like an identifier", warning.Message, StringComparison.Ordinal);
    }
}
