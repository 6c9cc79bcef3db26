namespace Snowferry.Unload;

/// <summary>An unload refused before any data moved: no storage integration, or a column Snowflake cannot unload in the chosen format.</summary>
public sealed class UnloadException : SnowferryException
{
    /// <summary>Creates the exception.</summary>
    public UnloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnloadException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnloadException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
