namespace Snowferry.Snowflake.Configuration;

/// <summary>
/// What connection loading reads from the machine: environment variables, the home directory and the platform.
/// Tests pass their own so that nothing real is read or changed.
/// </summary>
internal sealed record SnowflakeEnvironment
{
    /// <summary>Reads an environment variable; null when it is not set.</summary>
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>The user's home directory (<c>~</c>).</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>True on Windows: config lives under <c>AppData\Local</c> and file permissions are not checked.</summary>
    public bool IsWindows { get; init; }

    /// <summary>True on macOS: config lives under <c>~/Library/Application Support</c>.</summary>
    public bool IsMacOS { get; init; }

    /// <summary>The real process environment (a new instance each time).</summary>
    public static SnowflakeEnvironment Current => new()
    {
        GetVariable = Environment.GetEnvironmentVariable,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        IsWindows = OperatingSystem.IsWindows(),
        IsMacOS = OperatingSystem.IsMacOS(),
    };

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    internal string? Get(string name)
    {
        var value = GetVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Expands a leading <c>~</c> to the home directory, as the Python connector and CLI do.</summary>
    internal string ExpandHome(string path)
    {
        if (path == "~")
        {
            return HomeDirectory;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            return Path.Combine(HomeDirectory, path[2..]);
        }

        return path;
    }
}
