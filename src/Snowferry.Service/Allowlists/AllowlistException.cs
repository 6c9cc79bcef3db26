namespace Snowferry.Service.Allowlists;

/// <summary>
/// A table name, a table pattern or a destination pattern that cannot be read, or a request whose destination, prefix or
/// key template is malformed. The message says what is wrong and what to write instead. For a request it is a
/// <c>400</c>; for the configuration, the service does not start.
/// </summary>
public sealed class AllowlistException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AllowlistException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AllowlistException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AllowlistException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
