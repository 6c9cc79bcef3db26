using Snowferry.Snowflake;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Tests.Snowflake.Configuration;

public sealed class SnowflakeConnectionsPermissionTests : IDisposable
{
    private readonly TempSnowflakeHome _home = new();

    public void Dispose() => _home.Dispose();

    public static TheoryData<int> OpenModes => [0b110_100_100, 0b110_100_000, 0b110_000_100, 0b110_010_000, 0b110_000_010, 0b110_110_110];

    public static TheoryData<int> PrivateModes => [0b110_000_000, 0b100_000_000, 0b111_000_000];

    [Theory]
    [MemberData(nameof(OpenModes))]
    public void Load_ConnectionsTomlOpenToOthers_RefusesWithChmodFix(int mode)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        var path = _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"), (UnixFileMode)mode);

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options()));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 0600 {path}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("other users can", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pat-default", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PrivateModes))]
    public void Load_ConnectionsTomlOwnerOnly_Loads(int mode)
    {
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"), (UnixFileMode)mode);

        Assert.Equal("myorg-myaccount", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_ConfigTomlOpenToOthers_Refuses()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"));
        var config = _home.Write(".snowflake/config.toml", "default_connection_name = \"default\"\n", (UnixFileMode)0b110_100_100);

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options()));

        Assert.Contains($"chmod 0600 {config}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void Load_SkipVariableSet_LoadsOpenFile(string value)
    {
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"), (UnixFileMode)0b110_110_110);
        _home.Variables["SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION"] = value;

        Assert.Equal("myorg-myaccount", SnowflakeConnections.Load(_home.Options()).Account);
    }

    [Fact]
    public void Load_SkipVariableNotTrue_StillRefuses()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"), (UnixFileMode)0b110_100_100);
        _home.Variables["SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION"] = "false";

        Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options()));
    }

    [Fact]
    public void Load_PrivateKeyFileReadableByOthers_Refuses()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        var key = _home.Write("keys/rsa_key.p8", "key", (UnixFileMode)0b110_100_100);
        _home.Write(".snowflake/connections.toml", $"[default]\naccount = \"a\"\nuser = \"u\"\nprivate_key_file = \"{key}\"\n");

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options()));

        Assert.Contains($"private key file {key}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 0600 {key}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TokenFileReadableByOthers_RefusesWithoutShowingToken()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        var tokenFile = _home.Write("tokens/pat.txt", "secret-token-123", (UnixFileMode)0b110_100_000);
        _home.Write(".snowflake/connections.toml",
            $"[default]\naccount = \"a\"\nuser = \"u\"\nauthenticator = \"PROGRAMMATIC_ACCESS_TOKEN\"\ntoken_file_path = \"{tokenFile}\"\n");

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options()));

        Assert.Contains($"token file {tokenFile}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WindowsEnvironment_SkipsPermissionCheck()
    {
        _home.Write("AppData/Local/snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"), (UnixFileMode)0b110_110_110);

        Assert.Equal("myorg-myaccount", SnowflakeConnections.Load(_home.Options(isWindows: true)).Account);
    }
}
