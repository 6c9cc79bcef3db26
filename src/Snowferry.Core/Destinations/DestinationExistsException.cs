namespace Snowferry.Destinations;

/// <summary>An object already exists where the file would go, and overwriting was not asked for.</summary>
public sealed class DestinationExistsException : DestinationException
{
    /// <summary>Creates the exception for the object at <paramref name="location"/>.</summary>
    public DestinationExistsException(string location, Exception? innerException = null)
        : base(
            DestinationErrorKind.AlreadyExists,
            $"An object already exists at {location}; snowferry never replaces one unless asked: set TransferOptions.Overwrite or choose another key.",
            innerException)
    {
        Location = location;
    }

    /// <summary>Creates the exception with no message (serialisation and tooling).</summary>
    public DestinationExistsException()
    {
        Location = string.Empty;
    }

    /// <summary>Where the existing object is.</summary>
    public string Location { get; }
}
