namespace Snowferry.Tests.Planning;

/// <summary>
/// The expected SQL of each <see cref="GoldenCases"/> entry, reviewed by hand against Snowflake's documentation (see
/// PlanSqlBuilder's remarks). A change here is a change of what runs in the customer's warehouse: review it as such.
/// </summary>
internal static partial class GoldenSql
{
    // A property, not a field: field initialisers of a partial class run in no defined order across files.
    public static IReadOnlyDictionary<string, string> All =>
        s_locations.Concat(s_orders).Concat(s_ratings).Concat(s_others).ToDictionary();
}
