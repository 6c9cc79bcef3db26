using System.Xml.Linq;

namespace Snowferry.Cli.Tests;

/// <summary>
/// What the tool package needs from the CLI's build output (the package is its publish output; scripts/package-check.sh
/// installs it and runs it in CI): the version users see, and the S3 server's lock for installs outside the repository.
/// </summary>
public sealed class PackagingTests
{
    private static readonly string s_root = FindRoot();

    [Fact]
    public async Task Version_PrintsTheVersionOfDirectoryBuildProps()
    {
        var version = XDocument.Load(Path.Combine(s_root, "Directory.Build.props")).Descendants("Version").Single().Value;

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(), TestContext.Current.CancellationToken, "--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        var printed = Assert.Single(result.StdoutLines);
        Assert.True(printed == version || printed.StartsWith(version + "+", StringComparison.Ordinal), $"'{printed}' is not version {version}");
    }

    [Theory]
    [InlineData("package.json")]
    [InlineData("package-lock.json")]
    [InlineData("launch.mjs")]
    public void BuildOutput_CarriesTheS3ServerFilesAsInTheRepository(string name)
    {
        var carried = Path.Combine(Path.GetDirectoryName(CliRunner.Dll)!, "s3", name);

        Assert.True(File.Exists(carried), $"{carried} is missing: an installed tool could not install the local S3 server.");
        Assert.Equal(File.ReadAllBytes(Path.Combine(s_root, "tools", "s3", name)), File.ReadAllBytes(carried));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Snowferry.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Snowferry.slnx above {AppContext.BaseDirectory}.");
    }
}
