using System.Globalization;
using Microsoft.Extensions.Logging;
using Snowferry.Internal;

namespace Snowferry.Snowflake.Configuration;

/// <summary>
/// Reads files that hold credentials, refusing (on Unix) those other users can change or read, as the Snowflake CLI
/// does. <c>SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION=true</c> (or <c>SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION</c>,
/// which the CLI reads as the variant Snowpark Container Services sets) turns the refusal of a file others can read into a warning, as in the CLI and the
/// Python connector; a file others can change is refused whatever the variables say.
/// </summary>
internal static class SecureFile
{
    internal const string SkipVariable = "SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION";
    internal const string ContainerSkipVariable = "SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION";

    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const UnixFileMode GroupOrOtherRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Throws when other users can change <paramref name="path"/>, or read it unless the skip variable is set (then it
    /// logs a warning). <paramref name="what"/> names the file in the error.
    /// </summary>
    public static void EnsurePrivate(string path, string what, SnowflakeEnvironment environment, ILogger logger)
    {
        if (environment.IsWindows || OperatingSystem.IsWindows())
        {
            return;
        }

        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SnowflakeConfigurationException($"Cannot read the {what} {path}: {ex.Message}", ex);
        }

        var octal = Convert.ToString((int)mode, 8).PadLeft(4, '0');
        if ((mode & GroupOrOtherWrite) != 0)
        {
            throw new SnowflakeConfigurationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The {what} {path} is not private: other users can change it (mode {octal}). Make it readable and " +
                $"writable by you only with `chmod 0600 {path}` ({SkipVariable} does not relax this check)."));
        }

        if ((mode & GroupOrOtherRead) == 0)
        {
            return;
        }

        if (SkipVariableSet(environment) is { } variable)
        {
            Log.CredentialFileReadableByOthers(logger, what, path, octal, variable);
            return;
        }

        throw new SnowflakeConfigurationException(string.Create(
            CultureInfo.InvariantCulture,
            $"The {what} {path} is not private: other users can read it (mode {octal}). Make it readable by you only " +
            $"with `chmod 0600 {path}` (or set {SkipVariable}=true to use it with a warning)."));
    }

    /// <summary>Checks the permissions, then reads the whole file.</summary>
    public static string ReadAllText(string path, string what, SnowflakeEnvironment environment, ILogger logger)
    {
        if (!File.Exists(path))
        {
            throw new SnowflakeConfigurationException($"The {what} {path} does not exist.");
        }

        EnsurePrivate(path, what, environment, logger);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SnowflakeConfigurationException($"Cannot read the {what} {path}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The skip variable that is set to true (<c>true</c> or <c>1</c>, any case), or null. As in the Snowflake CLI, the
    /// first of the two variables that is set decides, and any other value means "do not skip".
    /// </summary>
    internal static string? SkipVariableSet(SnowflakeEnvironment environment)
    {
        foreach (var variable in (string[])[SkipVariable, ContainerSkipVariable])
        {
            if (environment.Get(variable) is { } value)
            {
                var text = value.Trim();
                return text == "1" || string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) ? variable : null;
            }
        }

        return null;
    }
}
