using Snowferry.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Configuration;

/// <summary>A throw-away home directory and a fake environment, so no test reads or changes the real ones.</summary>
internal sealed class TempSnowflakeHome : IDisposable
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _root;

    public TempSnowflakeHome()
    {
        _root = Directory.CreateTempSubdirectory("snowferry-auth-").FullName;
        Home = Path.Combine(_root, "home");
        Directory.CreateDirectory(Home);
    }

    public string Home { get; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public SnowflakeEnvironment Environment(bool isWindows = false, bool isMacOS = false) => new()
    {
        GetVariable = name => Variables.GetValueOrDefault(name),
        HomeDirectory = Home,
        IsWindows = isWindows,
        IsMacOS = isMacOS,
    };

    public SnowflakeConnectionOptions Options(string? name = null, string? file = null, bool isWindows = false, bool isMacOS = false) =>
        new() { ConnectionName = name, ConnectionsFile = file, Environment = Environment(isWindows, isMacOS) };

    /// <summary>Writes a file under the home directory (owner-only by default) and returns its full path.</summary>
    public string Write(string relativePath, string content, UnixFileMode mode = OwnerOnly)
    {
        var path = Path.Combine(Home, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }

    /// <summary>A connection table with a PAT, so that the connection is complete without a key file.</summary>
    public static string PatConnection(string name, string account = "myorg-myaccount", string extra = "") => $"""
        [{name}]
        account = "{account}"
        user = "me"
        authenticator = "PROGRAMMATIC_ACCESS_TOKEN"
        token = "pat-{name}"
        {extra}

        """;

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
