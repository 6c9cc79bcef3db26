using Snowferry.Planning;

namespace Snowferry.Tests.Planning;

public sealed class TransferPlannerErrorTests
{
    private static PlanException Refused(TransferPlanOptions options, IReadOnlyList<SourceColumn>? columns = null) =>
        Assert.ThrowsAny<PlanException>(() => TransferPlanner.Plan(SampleTables.Orders, columns ?? SampleTables.OrdersColumns, options));

    [Theory]
    [InlineData("month")]
    [InlineData("key")]
    [InlineData("keep")]
    [InlineData("drop")]
    [InlineData("epoch")]
    public void Plan_UnknownColumnInAnyOption_NamesOptionAndCloseNames(string option)
    {
        string[] names = ["O_ORDERDAT"];
        var options = option switch
        {
            "month" => new TransferPlanOptions { MonthColumns = names },
            "key" => new TransferPlanOptions { KeyColumns = names },
            "keep" => new TransferPlanOptions { KeepColumns = names },
            "drop" => new TransferPlanOptions { DropColumns = names },
            _ => new TransferPlanOptions { EpochColumns = names },
        };

        var property = option switch
        {
            "month" => nameof(TransferPlanOptions.MonthColumns),
            "key" => nameof(TransferPlanOptions.KeyColumns),
            "keep" => nameof(TransferPlanOptions.KeepColumns),
            "drop" => nameof(TransferPlanOptions.DropColumns),
            _ => nameof(TransferPlanOptions.EpochColumns),
        };

        var error = Refused(options);

        Assert.Equal(PlanErrorCode.UnknownColumn, error.Code);
        Assert.Equal("O_ORDERDAT", error.Column);
        Assert.StartsWith($"TransferPlanOptions.{property} names O_ORDERDAT, which is not a column of SNOWFERRY.PUBLIC.ORDERS_100K.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Close names: O_ORDERDATE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_QuotedNameInWrongCase_SuggestsTheRealName()
    {
        var error = Refused(new() { KeyColumns = ["\"o_custkey\""] });

        Assert.Equal(PlanErrorCode.UnknownColumn, error.Code);
        Assert.Contains("Did you mean O_CUSTKEY? Quoted names are case-sensitive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UnknownColumnNothingClose_ListsTheColumns()
    {
        var error = Assert.ThrowsAny<PlanException>(() => TransferPlanner.Plan(SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["GENRE_LABEL"] }));

        Assert.EndsWith("Its columns are: USERID, MOVIEID, RATING, TIMESTAMP.", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<TransferPlanOptions, string, string> TwoRoles => new()
    {
        { new() { KeyColumns = ["O_ORDERKEY"], DropColumns = ["o_orderkey"] }, "TransferPlanOptions.KeyColumns", "TransferPlanOptions.DropColumns" },
        { new() { MonthColumns = ["O_ORDERDATE"], KeyColumns = ["O_ORDERDATE"] }, "TransferPlanOptions.MonthColumns", "TransferPlanOptions.KeyColumns" },
        { new() { MonthColumns = ["O_ORDERDATE"], DropColumns = ["O_ORDERDATE"] }, "TransferPlanOptions.MonthColumns", "TransferPlanOptions.DropColumns" },
        { new() { EpochColumns = ["O_CUSTKEY"], KeyColumns = ["O_CUSTKEY"] }, "TransferPlanOptions.EpochColumns", "TransferPlanOptions.KeyColumns" },
        { new() { EpochColumns = ["O_CUSTKEY"], DropColumns = ["O_CUSTKEY"] }, "TransferPlanOptions.EpochColumns", "TransferPlanOptions.DropColumns" },
        { new() { KeepColumns = ["O_CLERK"], DropColumns = ["O_CLERK"] }, "TransferPlanOptions.KeepColumns", "TransferPlanOptions.DropColumns" },
    };

    [Theory]
    [MemberData(nameof(TwoRoles))]
    public void Plan_ColumnGivenTwoRoles_Refused(TransferPlanOptions options, string first, string second)
    {
        var error = Refused(options);

        Assert.Equal(PlanErrorCode.ConflictingRoles, error.Code);
        Assert.Contains($"named by both {first} and {second}; give each column one role.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TableWithoutTemporalColumn_AsksForMonthOrEpochColumn()
    {
        var columns = SampleTables.Columns(("ID", "NUMBER", 38, 0), ("NAME", "TEXT", null, null));

        var error = Assert.ThrowsAny<PlanException>(() => TransferPlanner.Plan(SampleTables.Table("PEOPLE"), columns));

        Assert.Equal(PlanErrorCode.NoMonthColumn, error.Code);
        Assert.Equal(
            "Table SNOWFERRY.PUBLIC.PEOPLE has no DATE/TIMESTAMP column to aggregate by month; set TransferPlanOptions.MonthColumns or TransferPlanOptions.EpochColumns (a numeric column holding Unix time).",
            error.Message);
    }

    [Fact]
    public void Plan_AllTemporalColumnsDroppedOrKeyed_NoMonthLeft()
    {
        var error = Refused(new() { DropColumns = ["O_ORDERDATE"], KeyColumns = ["CREATED_AT"] });

        Assert.Equal(PlanErrorCode.NoMonthColumn, error.Code);
        Assert.Contains("(O_ORDERDATE, CREATED_AT) are dropped or keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MonthOptionOnNumber_SuggestsEpochColumn()
    {
        var error = Refused(new() { MonthColumns = ["O_CUSTKEY"] });

        Assert.Equal(PlanErrorCode.NotTemporal, error.Code);
        Assert.Equal(
            "TransferPlanOptions.MonthColumns names O_CUSTKEY, but it is NUMBER, not a DATE or TIMESTAMP column of SNOWFERRY.PUBLIC.ORDERS_100K. If it holds Unix time, put O_CUSTKEY in TransferPlanOptions.EpochColumns instead.",
            error.Message);
    }

    [Fact]
    public void Plan_MonthOptionOnText_Refused()
    {
        var error = Refused(new() { MonthColumns = ["O_CLERK"] });

        Assert.Equal(PlanErrorCode.NotTemporal, error.Code);
        Assert.DoesNotContain("TransferPlanOptions.EpochColumns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MonthOptionOnTime_Refused()
    {
        var error = Assert.ThrowsAny<PlanException>(() => TransferPlanner.Plan(GoldenCases.Events, GoldenCases.EventsColumns, new() { MonthColumns = ["AT_TIME"] }));

        Assert.Equal(PlanErrorCode.NotTemporal, error.Code);
    }

    [Theory]
    [InlineData("O_CLERK", "Pick a numeric column.")]
    [InlineData("O_ORDERDATE", "Put O_ORDERDATE in TransferPlanOptions.MonthColumns for a DATE/TIMESTAMP.")]
    public void Plan_EpochOptionOnNonNumeric_Refused(string column, string advice)
    {
        var error = Refused(new() { EpochColumns = [column] });

        Assert.Equal(PlanErrorCode.NotNumeric, error.Code);
        Assert.EndsWith(advice, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GEOGRAPHY")]
    [InlineData("GEOMETRY")]
    [InlineData("VECTOR(FLOAT, 3)")]
    [InlineData("MAP(VARCHAR, NUMBER)")]
    [InlineData("DECFLOAT")]
    [InlineData("SOMETHING_NEW")]
    [InlineData("FILE")]
    [InlineData("INTERVAL_YEAR_MONTH")]
    [InlineData("INTERVAL_DAY_TIME")]
    public void Plan_UnsupportedType_AsksToDropIt(string dataType)
    {
        var columns = SampleTables.Columns(("D", "DATE", null, null), ("Shape", dataType, null, null));

        var error = Assert.ThrowsAny<PlanException>(() => TransferPlanner.Plan(SampleTables.Table("T"), columns));

        Assert.Equal(PlanErrorCode.UnsupportedType, error.Code);
        Assert.Equal("Shape", error.Column);
        Assert.Contains($"has type {dataType}, which snowferry cannot group, sum or write. Leave it out by adding \"Shape\" to TransferPlanOptions.DropColumns (or list the columns you want in TransferPlanOptions.KeepColumns).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AllColumnsDropped_Refused()
    {
        var error = Refused(new() { DropColumns = [.. SampleTables.OrdersColumns.Select(c => c.Name)] });

        Assert.Equal(PlanErrorCode.NoColumns, error.Code);
    }

    [Fact]
    public void Plan_NoColumns_TableNotFound()
    {
        var error = Assert.ThrowsAny<PlanException>(() => TransferPlanner.Plan(SampleTables.Table("GONE"), []));

        Assert.Equal(PlanErrorCode.TableNotFound, error.Code);
        Assert.StartsWith("Table SNOWFERRY.PUBLIC.GONE does not exist or is not visible to role", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X; DROP TABLE Y")]
    [InlineData("")]
    [InlineData("\"unclosed")]
    [InlineData("O_ORDERS.O_CLERK")]
    public void Plan_BadColumnOption_InvalidIdentifierNamingTheOption(string text)
    {
        var error = Assert.Throws<InvalidIdentifierException>(() => TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns, new() { DropColumns = [text] }));

        Assert.Equal(PlanErrorCode.InvalidIdentifier, error.Code);
        Assert.StartsWith("TransferPlanOptions.DropColumns: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(text, error.Input);
    }

    [Fact]
    public void Plan_UnknownEpochUnit_ArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TransferPlanner.Plan(SampleTables.Orders, SampleTables.OrdersColumns, new() { EpochUnit = (EpochUnit)42 }));
}
