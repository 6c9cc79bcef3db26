namespace Snowferry.Planning;

/// <summary>
/// The transfer cannot be planned: a bad table or column name, an option that contradicts the table or another option,
/// a column type snowferry cannot handle. Raised before any data is read. The message says what is wrong and what to
/// do; <see cref="Code"/> tells the kinds apart (the CLI maps them to exit codes).
/// </summary>
public class PlanException : SnowferryException
{
    /// <summary>Creates the exception.</summary>
    public PlanException(PlanErrorCode code, string message, string? column = null, Exception? innerException = null)
        : base(message, innerException, isTransient: false)
    {
        Code = code;
        Column = column;
        Data[nameof(Code)] = code.ToString();
    }

    /// <summary>The kind of refusal.</summary>
    public PlanErrorCode Code { get; }

    /// <summary>The column the refusal is about, when it is about one.</summary>
    public string? Column { get; }
}
