namespace Snowferry.Planning;

/// <summary>
/// A table or column name that does not follow Snowflake's identifier rules (unquoted
/// <c>[A-Za-z_][A-Za-z0-9_$]*</c>, or any text in double quotes with <c>""</c> for a quote, at most 255 characters).
/// Nothing is sent to Snowflake when this is thrown.
/// </summary>
public sealed class InvalidIdentifierException : PlanException
{
    /// <summary>Creates the exception.</summary>
    public InvalidIdentifierException(string message, string input)
        : base(PlanErrorCode.InvalidIdentifier, message)
    {
        Input = input;
    }

    /// <summary>The text that was refused, as given.</summary>
    public string Input { get; }
}
