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

    public static TheoryData<int> ReadableOnlyModes => [0b110_100_100, 0b110_100_000, 0b110_000_100];

    public static TheoryData<int> WritableModes => [0b110_010_000, 0b110_000_010, 0b110_110_110, 0b110_110_100];

    [Theory]
    [InlineData("SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION", "true")]
    [InlineData("SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION", "TRUE")]
    [InlineData("SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION", "1")]
    [InlineData("SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION", "true")]
    public void Load_SkipVariableSet_LoadsReadableFileWithWarning(string variable, string value)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        var path = _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"), (UnixFileMode)0b110_100_100);
        _home.Variables[variable] = value;
        var logger = new ListLogger();

        Assert.Equal("myorg-myaccount", SnowflakeConnections.Load(_home.Options() with { Logger = logger }).Account);

        var warning = Assert.Single(logger.Entries, e => e.Id.Id == 1003);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains(path, warning.Message, StringComparison.Ordinal);
        Assert.Contains("mode 0644", warning.Message, StringComparison.Ordinal);
        Assert.Contains(variable, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pat-default", logger.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WritableModes))]
    public void Load_SkipVariableSet_StillRefusesFileOthersCanChange(int mode)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        var path = _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"), (UnixFileMode)mode);
        _home.Variables["SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION"] = "true";

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options()));

        Assert.Contains("other users can change it", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 0600 {path}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not relax this check", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ReadableOnlyModes))]
    public void Load_ReadableByOthersWithoutSkip_RefusesNamingTheVariable(int mode)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"), (UnixFileMode)mode);

        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options()));

        Assert.Contains("other users can read it", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION=true", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SkipVariableSet_TokenAndKeyFilesFollowTheSameRules()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        _home.Variables["SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION"] = "true";
        var tokenFile = _home.Write("tokens/pat.txt", "secret-token-123", (UnixFileMode)0b110_100_100);
        var key = _home.Write("keys/rsa_key.p8", "key", (UnixFileMode)0b110_000_010);
        _home.Write(".snowflake/connections.toml",
            $"[pat]\naccount = \"a\"\nuser = \"u\"\nauthenticator = \"PROGRAMMATIC_ACCESS_TOKEN\"\ntoken_file_path = \"{tokenFile}\"\n" +
            $"[jwt]\naccount = \"a\"\nuser = \"u\"\nprivate_key_file = \"{key}\"\n");
        var logger = new ListLogger();

        Assert.Equal("secret-token-123", SnowflakeConnections.Load(_home.Options("pat") with { Logger = logger }).Token);
        var ex = Assert.Throws<SnowflakeConfigurationException>(() => SnowflakeConnections.Load(_home.Options("jwt")));

        Assert.Contains($"token file {tokenFile}", Assert.Single(logger.Entries, e => e.Id.Id == 1003).Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-123", logger.AllText, StringComparison.Ordinal);
        Assert.Contains($"private key file {key} is not private: other users can change it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SkipVariableNotTrue_StillRefuses()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        _home.Write(".snowflake/connections.toml", TempSnowflakeHome.PatConnection("default"), (UnixFileMode)0b110_100_100);
        _home.Variables["SF_SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION"] = "false";

        // As in the CLI, the first variable that is set decides.
        _home.Variables["SKIP_TOKEN_FILE_PERMISSIONS_VERIFICATION"] = "true";

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
