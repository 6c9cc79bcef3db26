namespace Snowferry.Unload;

/// <summary>
/// The files under the run prefix disagree with what the unload statement reported (an extra file, e.g. from a
/// retried unload; a missing file; a different size). No manifest was written, so the run is not published.
/// </summary>
public sealed class UnloadIntegrityException : SnowferryException
{
    /// <summary>Creates the exception.</summary>
    public UnloadIntegrityException(string message, IReadOnlyList<string> unexpectedKeys, IReadOnlyList<string> missingKeys)
        : base(message)
    {
        UnexpectedKeys = unexpectedKeys;
        MissingKeys = missingKeys;
    }

    /// <summary>Creates the exception.</summary>
    public UnloadIntegrityException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnloadIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnloadIntegrityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Objects under the run prefix that the statement did not report.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; } = [];

    /// <summary>Files the statement reported that are not in the bucket (or differ in size).</summary>
    public IReadOnlyList<string> MissingKeys { get; } = [];
}
