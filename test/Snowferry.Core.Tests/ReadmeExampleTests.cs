using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Snowferry.Tests;

/// <summary>
/// The README's library example is samples/LibraryUse/Program.cs, which scripts/package-check.sh (CI) builds against
/// the Snowferry.Core package and runs against the local servers: these tests keep the README, the package's README
/// and that program the same code.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    private static readonly string s_root = FindRoot();

    [Fact]
    public void ReadmeLibrarySection_IsTheSampleProgramThatCiRuns()
    {
        var readme = Read("README.md");
        var section = readme[readme.IndexOf("\n## The library\n", StringComparison.Ordinal)..];

        Assert.Equal(Read("samples", "LibraryUse", "Program.cs"), CSharpBlocks(section).First());
    }

    [Fact]
    public void PackageReadme_EachExampleIsLinesOfTheSampleProgramInOrder()
    {
        var program = Read("samples", "LibraryUse", "Program.cs").Split('\n');
        var blocks = CSharpBlocks(Read("src", "Snowferry.Core", "README.md")).ToList();

        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            var at = 0;
            foreach (var line in block.Split('\n').Where(l => l.Length > 0))
            {
                var found = Array.IndexOf(program, line, at);
                Assert.True(found >= 0, $"The package README's line is not in samples/LibraryUse/Program.cs (after line {at}): {line}");
                at = found + 1;
            }
        }
    }

    [Fact]
    public void LibraryUseProject_TakesThePackageOfTheRepositorysVersion()
    {
        var project = XDocument.Parse(Read("samples", "LibraryUse", "LibraryUse.csproj"));
        var props = XDocument.Parse(Read("Directory.Build.props"));

        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Contains(project.Descendants("PackageReference"), r => (string?)r.Attribute("Include") == "Snowferry.Core");
        Assert.Equal(props.Descendants("Version").Single().Value, project.Descendants("SnowferryVersion").Single().Value);
        Assert.DoesNotContain("samples/", Read("Snowferry.slnx"), StringComparison.Ordinal);
    }

    private static IEnumerable<string> CSharpBlocks(string markdown) =>
        CSharpBlock().Matches(markdown).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"^```csharp\n(.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();

    private static string Read(params string[] parts) =>
        File.ReadAllText(Path.Combine([s_root, .. parts])).ReplaceLineEndings("\n");

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
