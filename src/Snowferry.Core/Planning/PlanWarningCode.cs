namespace Snowferry.Planning;

/// <summary>What a plan may do that the caller did not mean; one value per kind of warning.</summary>
public enum PlanWarningCode
{
    /// <summary>
    /// A numeric column whose name looks like an identifier (<c>ID</c>, <c>USER_ID</c>, <c>USERID</c>,
    /// <c>O_ORDERKEY</c>) is summed by the defaults; <see cref="TransferPlanOptions.KeyColumns"/> groups by it instead.
    /// </summary>
    IdentifierSummed,
}
