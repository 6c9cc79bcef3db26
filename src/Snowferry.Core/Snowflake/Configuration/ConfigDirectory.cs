namespace Snowferry.Snowflake.Configuration;

/// <summary>
/// Finds the directory holding connections.toml and config.toml the way the Python connector does
/// (<c>sf_dirs._resolve_platform_dirs</c>): <c>$SNOWFLAKE_HOME</c>, by default <c>~/.snowflake</c>, when it exists,
/// else platformdirs' user config directory for app <c>snowflake</c>.
/// </summary>
internal static class ConfigDirectory
{
    internal const string SnowflakeHomeVariable = "SNOWFLAKE_HOME";

    /// <summary>The directory to read, and the SNOWFLAKE_HOME candidate skipped because it does not exist.</summary>
    public static (string Directory, string? MissingHome) Resolve(SnowflakeEnvironment environment)
    {
        // Like the connector: a set but missing SNOWFLAKE_HOME falls through to the platform directory, not ~/.snowflake.
        var home = environment.ExpandHome(
            environment.Get(SnowflakeHomeVariable) ?? Path.Combine(environment.HomeDirectory, ".snowflake"));
        return Directory.Exists(home) ? (home, null) : (PlatformDirectory(environment), home);
    }

    /// <summary>platformdirs' <c>user_config_dir("snowflake", appauthor=False)</c>.</summary>
    internal static string PlatformDirectory(SnowflakeEnvironment environment)
    {
        if (environment.IsWindows)
        {
            return Path.Combine(environment.HomeDirectory, "AppData", "Local", "snowflake");
        }

        if (environment.IsMacOS)
        {
            return Path.Combine(environment.HomeDirectory, "Library", "Application Support", "snowflake");
        }

        // platformdirs ignores a blank XDG_CONFIG_HOME.
        var xdg = environment.Get("XDG_CONFIG_HOME");
        var configHome = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(environment.HomeDirectory, ".config")
            : environment.ExpandHome(xdg.Trim());
        return Path.Combine(configHome, "snowflake");
    }
}
