using System.Globalization;

namespace Snowferry.Snowflake.Configuration;

/// <summary>
/// Reads files that hold credentials, refusing (on Unix) those other users can read or change, as the Python
/// connector's permission check does; <c>SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION=true</c> turns the check off.
/// </summary>
internal static class SecureFile
{
    internal const string SkipVariable = "SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION";

    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const UnixFileMode GroupOrOtherRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Throws when <paramref name="path"/> is open to other users. <paramref name="what"/> names it in the error.</summary>
    public static void EnsurePrivate(string path, string what, SnowflakeEnvironment environment)
    {
        if (environment.IsWindows || OperatingSystem.IsWindows() || IsCheckSkipped(environment))
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
        string? problem = null;
        if ((mode & GroupOrOtherWrite) != 0)
        {
            problem = "other users can change it";
        }
        else if ((mode & GroupOrOtherRead) != 0)
        {
            problem = "other users can read it";
        }

        if (problem is not null)
        {
            throw new SnowflakeConfigurationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The {what} {path} is not private: {problem} (mode {octal}). Make it readable by you only with " +
                $"`chmod 0600 {path}` (or set {SkipVariable}=true to skip this check)."));
        }
    }

    /// <summary>Checks the permissions, then reads the whole file.</summary>
    public static string ReadAllText(string path, string what, SnowflakeEnvironment environment)
    {
        if (!File.Exists(path))
        {
            throw new SnowflakeConfigurationException($"The {what} {path} does not exist.");
        }

        EnsurePrivate(path, what, environment);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SnowflakeConfigurationException($"Cannot read the {what} {path}: {ex.Message}", ex);
        }
    }

    internal static bool IsCheckSkipped(SnowflakeEnvironment environment) =>
        string.Equals(environment.Get(SkipVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
