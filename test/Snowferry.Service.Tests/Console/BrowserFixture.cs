using System.Diagnostics;
using Microsoft.Playwright;

namespace Snowferry.Service.Tests.Console;

/// <summary>
/// The real service (<see cref="ServiceFixture"/>) and one headless system Chromium driven by Playwright, shared by a
/// test class; each test opens its own browser context. Playwright's own browser download is not reachable from every
/// build machine, so the tests use Debian's chromium package (<c>SNOWFERRY_CHROMIUM</c> names another executable).
/// </summary>
public sealed class BrowserFixture : ServiceFixture
{
    // Without the background-networking switches Chromium calls Google's hosts at start, which this network refuses.
    private static readonly string[] s_arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _versionsPrinted;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>The Chromium and Playwright versions: Debian's package moves with security updates, and Playwright only guarantees its own build.</summary>
    public string Versions { get; private set; } = "";

    public static string ChromiumPath => Environment.GetEnvironmentVariable("SNOWFERRY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public override async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}: install it with 'apt-get install chromium' (scripts/install-chromium.sh does), " +
                "or set SNOWFERRY_CHROMIUM to a Chromium executable.");
        }

        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = s_arguments,
        });
        // The package's own assembly attribute says 1.0.0; its file's product version is the package's.
        var playwrightVersion = FileVersionInfo.GetVersionInfo(typeof(IPlaywright).Assembly.Location).ProductVersion ?? "unknown";
        Versions = $"Chromium {_browser.Version} ({ChromiumPath}), Microsoft.Playwright {playwrightVersion.Split('+')[0]}";
        Directory.CreateDirectory(ArtifactsFolder);
        await File.WriteAllTextAsync(Path.Combine(ArtifactsFolder, "versions.txt"), Versions + "\n", TestContext.Current.CancellationToken);
    }

    /// <summary>Where the screenshots go: <c>artifacts/console</c> at the repository's root.</summary>
    public static string ArtifactsFolder => Repository.File("artifacts", "console");

    /// <summary>Writes the versions to the first test's output only.</summary>
    public void PrintVersionsOnce()
    {
        if (Interlocked.Exchange(ref _versionsPrinted, 1) == 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(Versions);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
