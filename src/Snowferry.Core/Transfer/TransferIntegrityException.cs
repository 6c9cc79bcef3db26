namespace Snowferry.Transfer;

/// <summary>What was written disagrees with what Snowflake returned; the transfer stopped before committing anything.</summary>
public sealed class TransferIntegrityException : SnowferryException
{
    /// <summary>Creates the exception.</summary>
    public TransferIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TransferIntegrityException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TransferIntegrityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
