namespace Snowferry.Destinations;

/// <summary>
/// The destination could not take the file. The message says what is wrong and what to do; it never holds a secret.
/// </summary>
public class DestinationException : SnowferryException
{
    /// <summary>Creates the exception.</summary>
    public DestinationException(DestinationErrorKind kind, string message, Exception? innerException = null, bool isTransient = false)
        : base(message, innerException, isTransient)
    {
        Kind = kind;
    }

    /// <summary>Creates the exception with no message (serialisation and tooling).</summary>
    public DestinationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DestinationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DestinationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public DestinationErrorKind Kind { get; }
}
