namespace Snowferry.Planning;

/// <summary>
/// Something the plan will do that is allowed but probably not meant, such as summing an identifier. The plan is
/// still valid; a warning only says which option changes it. Listed in <see cref="TransferPlan.Warnings"/>.
/// </summary>
public sealed record PlanWarning
{
    internal PlanWarning(PlanWarningCode code, string column, string message)
    {
        Code = code;
        Column = column;
        Message = message;
    }

    /// <summary>The kind of warning.</summary>
    public PlanWarningCode Code { get; }

    /// <summary>The source column it is about, as Snowflake stores its name.</summary>
    public string Column { get; }

    /// <summary>What the plan does and the option that changes it, for people, in the library's option names.</summary>
    public string Message { get; }
}
