using Snowferry.Planning;

namespace Snowferry.Tests.Planning;

/// <summary>Each golden: a sample table and the options it is planned with.</summary>
internal static class GoldenCases
{
    /// <summary>A table with Unix-time columns and every other kind of type.</summary>
    public static readonly TableName Events = SampleTables.Table("EVENTS");

    public static readonly IReadOnlyList<SourceColumn> EventsColumns = SampleTables.Columns(
        ("TS_SECONDS", "NUMBER", 38, 0),
        ("TS_MILLIS", "NUMBER", 18, 0),
        ("TS_FLOAT", "FLOAT", null, null),
        ("ACTIVE", "BOOLEAN", null, null),
        ("PAYLOAD", "VARIANT", null, null),
        ("TAGS", "ARRAY", null, null),
        ("ATTRS", "OBJECT", null, null),
        ("DIGEST", "BINARY", null, null),
        ("AT_TIME", "TIME", null, null),
        ("LOCAL_TS", "TIMESTAMP_LTZ", null, null),
        ("AMOUNT", "NUMBER", 10, 4));

    /// <summary>Names that only work quoted: lower case, spaces, quotes, dots, unicode, a would-be injection.</summary>
    public static readonly TableName Quoted = TableName.Parse("\"my db\".\"Sales.Data\".\"Q; DROP TABLE Y\"");

    public static readonly IReadOnlyList<SourceColumn> QuotedColumns = SampleTables.Columns(
        ("id\"x", "NUMBER", 38, 0),
        ("Région Name", "TEXT", null, null),
        ("created at", "DATE", null, null),
        ("a.b", "FLOAT", null, null),
        ("x'); DROP TABLE T; --", "TEXT", null, null));

    // Last: static fields initialise in order, and these use the tables above.
    public static readonly IReadOnlyDictionary<string, (TableName Table, IReadOnlyList<SourceColumn> Columns, TransferPlanOptions Options)> All =
        new Dictionary<string, (TableName, IReadOnlyList<SourceColumn>, TransferPlanOptions)>
        {
            ["Locations_Defaults"] = (SampleTables.Locations, SampleTables.LocationsColumns, new()),
            ["Locations_IdAsKey"] = (SampleTables.Locations, SampleTables.LocationsColumns, new() { KeyColumns = ["id"] }),
            ["Locations_KeepSome"] = (SampleTables.Locations, SampleTables.LocationsColumns, new() { KeepColumns = ["population", "DOB", "region"] }),
            ["Locations_DropSome"] = (SampleTables.Locations, SampleTables.LocationsColumns, new() { DropColumns = ["NAME", "ELEVATION_M"] }),
            ["Orders_Defaults"] = (SampleTables.Orders, SampleTables.OrdersColumns, new()),
            ["Orders_IdentifiersAsKeys"] = (SampleTables.Orders, SampleTables.OrdersColumns, new() { KeyColumns = ["O_ORDERKEY", "O_CUSTKEY", "O_SHIPPRIORITY"] }),
            ["Orders_OneMonthColumn"] = (SampleTables.Orders, SampleTables.OrdersColumns, new() { MonthColumns = ["o_orderdate"], DropColumns = ["O_COMMENT"] }),
            ["Ratings_Defaults"] = (SampleTables.Ratings, SampleTables.RatingsColumns, new()),
            ["Ratings_UsersAndMoviesAsKeys"] = (SampleTables.Ratings, SampleTables.RatingsColumns, new() { KeyColumns = ["USERID", "MOVIEID"] }),
            ["Events_EpochSeconds"] = (Events, EventsColumns, new() { EpochColumns = ["TS_SECONDS"], DropColumns = ["TS_MILLIS", "TS_FLOAT"] }),
            ["Events_EpochMillisecondsAndFloat"] = (Events, EventsColumns, new() { EpochColumns = ["TS_MILLIS", "TS_FLOAT"], EpochUnit = EpochUnit.Milliseconds, DropColumns = ["TS_SECONDS"] }),
            ["Quoted_Names"] = (Quoted, QuotedColumns, new() { KeyColumns = ["\"id\"\"x\""] }),
        };
}
