using Snowferry.Planning;

namespace Snowferry.Service.Api;

/// <summary>A plan warning as the API shows it: enough for a client to offer the fix next to the column.</summary>
/// <param name="Code"><c>identifier_summed</c>: a numeric column named like an identifier is summed by the defaults.</param>
/// <param name="Column">The source column, as Snowflake stores its name.</param>
/// <param name="Option">The field of <c>options</c> that changes it (<c>key_columns</c>: add the column there to group by it).</param>
/// <param name="Detail">The warning for people, naming the request's fields.</param>
public sealed record PlanWarningView(PlanWarningCode Code, string Column, string Option, string Detail)
{
    /// <summary>The view of a library warning.</summary>
    public static PlanWarningView Of(PlanWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return new PlanWarningView(warning.Code, warning.Column, OptionOf(warning.Code), RequestFields.InFields(warning.Message));
    }

    // Internal so a test can check every code has one: a code added to the library without it would fail every plan.
    internal static string OptionOf(PlanWarningCode code) => code switch
    {
        PlanWarningCode.IdentifierSummed => "key_columns",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "A plan warning the service does not describe yet."),
    };
}
