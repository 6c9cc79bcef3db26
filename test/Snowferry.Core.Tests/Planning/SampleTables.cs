using Snowferry.Planning;
using Snowferry.Planning.Sql;

namespace Snowferry.Tests.Planning;

/// <summary>The sample tables' columns as INFORMATION_SCHEMA.COLUMNS reports them (CONTRACT.md, "The sample tables").</summary>
internal static class SampleTables
{
    public static readonly TableName Locations = Table("LOCATIONS_595");
    public static readonly TableName Orders = Table("ORDERS_100K");
    public static readonly TableName Ratings = Table("MOVIE_RATINGS_27M");

    public static readonly IReadOnlyList<SourceColumn> LocationsColumns = Columns(
        ("ID", "NUMBER", 38, 0),
        ("NAME", "TEXT", null, null),
        ("REGION", "TEXT", null, null),
        ("COUNTRY", "TEXT", null, null),
        ("DOB", "DATE", null, null),
        ("AREA_KM2", "NUMBER", 12, 2),
        ("POPULATION", "NUMBER", 38, 0),
        ("ELEVATION_M", "FLOAT", null, null));

    public static readonly IReadOnlyList<SourceColumn> OrdersColumns = Columns(
        ("O_ORDERKEY", "NUMBER", 38, 0),
        ("O_CUSTKEY", "NUMBER", 38, 0),
        ("O_ORDERSTATUS", "TEXT", null, null),
        ("O_TOTALPRICE", "NUMBER", 12, 2),
        ("O_ORDERDATE", "DATE", null, null),
        ("O_ORDERPRIORITY", "TEXT", null, null),
        ("O_CLERK", "TEXT", null, null),
        ("O_SHIPPRIORITY", "NUMBER", 38, 0),
        ("O_COMMENT", "TEXT", null, null),
        ("CREATED_AT", "TIMESTAMP_TZ", null, null));

    public static readonly IReadOnlyList<SourceColumn> RatingsColumns = Columns(
        ("USERID", "NUMBER", 38, 0),
        ("MOVIEID", "NUMBER", 38, 0),
        ("RATING", "NUMBER", 2, 1),
        ("TIMESTAMP", "TIMESTAMP_NTZ", null, null));

    public static TableName Table(string name) =>
        new(new SqlIdentifier("SNOWFERRY"), new SqlIdentifier("PUBLIC"), new SqlIdentifier(name));

    public static IReadOnlyList<SourceColumn> Columns(params (string Name, string Type, int? Precision, int? Scale)[] columns) =>
        columns.Select((c, i) => new SourceColumn(c.Name, c.Type, c.Precision, c.Scale, i + 1)).ToList();
}
