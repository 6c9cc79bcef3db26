namespace Snowferry;

/// <summary>
/// Base of every error snowferry raises on its own account (misuse raises the usual BCL exceptions).
/// </summary>
public class SnowferryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnowferryException(string message, Exception? innerException = null, bool isTransient = false)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Creates the exception with no message (serialisation and tooling).</summary>
    public SnowferryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SnowferryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SnowferryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the same call may succeed if tried again later (network, throttling, server restarts).</summary>
    public bool IsTransient { get; }
}
