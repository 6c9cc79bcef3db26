namespace Snowferry.Service.Configuration;

/// <summary>The service's configuration cannot be served: what is wrong and what to write instead. It does not start.</summary>
public sealed class ServiceConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServiceConfigurationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ServiceConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ServiceConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
