namespace Snowferry.Snowflake;

/// <summary>
/// The connection settings cannot be used: a missing or unsafe connections.toml, an unknown connection name,
/// a missing key, an unreadable private key. The message says what is wrong and how to fix it, never a secret.
/// </summary>
public sealed class SnowflakeConfigurationException : SnowferryException
{
    /// <summary>Creates the exception.</summary>
    public SnowflakeConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException, isTransient: false)
    {
    }
}
