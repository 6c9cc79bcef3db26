using Snowferry.LocalSnowflake.S3;
using Snowferry.Testing;

namespace Snowferry.LocalSnowflake.Tests.S3;

/// <summary>
/// An installed tool has no tools/s3: it carries the lock and installs the S3 server with npm into a cache folder.
/// These tests lay out an app folder as the tool package does (an <c>s3</c> folder beside the assemblies) in a temporary
/// folder outside the repository, with a temporary cache.
/// </summary>
public sealed class LocalS3ToolsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LocateToolsAsync_NoRepositoryCopy_InstallsTheBundledLockIntoTheCacheOnceAndRunsFromIt()
    {
        using var temp = new TempDirectory();
        var app = Bundle(temp.Combine("app"));
        var cache = temp.Combine("cache");
        var notices = new List<string>();
        var options = new LocalS3ServerOptions { CacheDirectory = cache, InstallNotice = notices.Add };

        var installed = await LocalS3Server.LocateToolsAsync(options, app, temp.Path, Ct);
        var again = await LocalS3Server.LocateToolsAsync(options, app, temp.Path, Ct);

        Assert.Equal(Path.Combine(cache, LocalS3Tools.CacheKey(Path.Combine(app, "s3"))), installed);
        Assert.Equal(installed, again);
        var notice = Assert.Single(notices);
        Assert.Contains(installed, notice, StringComparison.Ordinal);
        Assert.Contains("npm ci", notice, StringComparison.Ordinal);
        Assert.Equal([installed], Directory.GetDirectories(cache));
        await using var server = await LocalS3Server.StartAsync(options with { ToolsDirectory = installed }, Ct);
        await server.CreateBucketAsync("installed-tool", Ct);
    }

    [Fact]
    public async Task EnsureInstalledAsync_NpmMissing_SaysToInstallNodeJsAndLeavesNoFolder()
    {
        using var temp = new TempDirectory();
        var app = Bundle(temp.Combine("app"));
        var cache = temp.Combine("cache");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => LocalS3Tools.EnsureInstalledAsync(Path.Combine(app, "s3"), cache, temp.Combine("no-npm-here"), null, Ct));

        Assert.Contains("install Node.js", error.Message, StringComparison.Ordinal);
        Assert.Contains(LocalS3ServerOptions.ToolsDirectoryVariable, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }

    [Fact]
    public async Task EnsureInstalledAsync_NpmFails_ReportsWhatNpmSaidAndLeavesNoFolder()
    {
        using var temp = new TempDirectory();
        var app = Bundle(temp.Combine("app"));
        var cache = temp.Combine("cache");
        var npm = temp.Combine("npm");
        await File.WriteAllTextAsync(npm, "#!/bin/sh\necho 'npm error 404 Not Found - GET fauxqs' >&2\nexit 1\n", Ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(npm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => LocalS3Tools.EnsureInstalledAsync(Path.Combine(app, "s3"), cache, npm, null, Ct));

        Assert.Contains("npm ci exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("404 Not Found - GET fauxqs", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }

    [Fact]
    public void CacheKey_AnotherLock_AnotherFolder()
    {
        using var temp = new TempDirectory();
        var bundled = Path.Combine(Bundle(temp.Combine("app")), "s3");
        var before = LocalS3Tools.CacheKey(bundled);

        File.AppendAllText(Path.Combine(bundled, "package-lock.json"), "\n");

        Assert.Matches("^[0-9a-f]{16}$", before);
        Assert.NotEqual(before, LocalS3Tools.CacheKey(bundled));
    }

    [Theory]
    [InlineData("/var/cache/me", "/var/cache/me/snowferry/s3")]
    [InlineData(null, "/home/me/.cache/snowferry/s3")]
    [InlineData("", "/home/me/.cache/snowferry/s3")]
    [InlineData("relative/cache", "/home/me/.cache/snowferry/s3")]
    public void DefaultCacheRoot_FollowsXdgCacheHome(string? xdgCacheHome, string expected)
    {
        var root = LocalS3Tools.DefaultCacheRoot(name => name == "XDG_CACHE_HOME" ? xdgCacheHome : null, "/home/me");

        Assert.Equal(expected, root);
    }

    [Fact]
    public async Task LocateToolsAsync_NothingBundled_SaysWhereItLooked()
    {
        using var temp = new TempDirectory();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => LocalS3Server.LocateToolsAsync(new LocalS3ServerOptions { CacheDirectory = temp.Combine("cache") }, temp.Path, temp.Path, Ct));

        Assert.Contains(LocalS3ServerOptions.ToolsDirectoryVariable, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("cache")));
    }

    /// <summary>An app folder as the tool package lays it out: tools/s3's three files in an s3 folder.</summary>
    private static string Bundle(string app)
    {
        var repository = LocalS3Server.FindToolsDirectory();
        var bundled = Directory.CreateDirectory(Path.Combine(app, LocalS3Tools.BundledFolderName)).FullName;
        foreach (var name in new[] { "package.json", "package-lock.json", "launch.mjs" })
        {
            File.Copy(Path.Combine(repository, name), Path.Combine(bundled, name));
        }

        return app;
    }
}
