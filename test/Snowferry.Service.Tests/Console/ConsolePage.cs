using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Snowferry.Service.Tests.Console;

/// <summary>
/// One test's browser context on the console: records every request, console error and page error from the start,
/// and checks what every test must hold (no error on the console, the key nowhere but the Authorization header), the
/// accessibility of a view (axe, at 1280 and 390 px) and writes screenshots to <c>artifacts/console</c>.
/// </summary>
internal sealed partial class ConsolePage : IAsyncDisposable
{
    public const int Wide = 1280;
    public const int Narrow = 390;

    private readonly BrowserFixture _fixture;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<IRequest> _requests = new();
    private readonly HashSet<int> _allowedProblems = [];

    private ConsolePage(BrowserFixture fixture, IBrowserContext context, IPage page)
    {
        _fixture = fixture;
        Context = context;
        Page = page;
        page.Request += (_, request) => _requests.Enqueue(request);
        page.PageError += (_, error) => _errors.Enqueue("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsAllowedProblem(message))
            {
                _errors.Enqueue($"console error: {message.Text} ({message.Location})");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Key => _fixture.AcmeKey;

    public static async Task<ConsolePage> OpenAsync(BrowserFixture fixture)
    {
        fixture.PrintVersionsOnce();
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = Wide, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        return new ConsolePage(fixture, context, await context.NewPageAsync());
    }

    /// <summary>
    /// Chromium logs every API answer of 4xx as "Failed to load resource"; the console handles the problems a test
    /// provokes on purpose (a plan error, a refused key), so those statuses of <c>/v1</c> calls are not errors.
    /// </summary>
    public void AllowApiProblem(int status) => _allowedProblems.Add(status);

    private bool IsAllowedProblem(IConsoleMessage message) =>
        message.Location.Contains("/v1/", StringComparison.Ordinal)
        && FailedToLoad().Match(message.Text) is { Success: true } match
        && _allowedProblems.Contains(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^Failed to load resource: the server responded with a status of (\d{3})")]
    private static partial Regex FailedToLoad();

    /// <summary>Opens the console and signs in with the key (typed and submitted as a user would).</summary>
    public async Task SignInAsync()
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("Client key").FillAsync(Key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#client-name")).ToHaveTextAsync("acme");
    }

    public ILocator Job(string destinationPart) =>
        Page.Locator("#job-list > li.job").Filter(new() { HasText = destinationPart });

    /// <summary>
    /// Runs axe on the page as it is at each width and fails on any serious or critical violation, listing what axe
    /// found; at 390 px also that the page does not scroll sideways. The page is left at <paramref name="endWidth"/>.
    /// </summary>
    public async Task CheckAccessibilityAsync(string view, int endWidth = Wide)
    {
        foreach (var width in new[] { Wide, Narrow })
        {
            await Page.SetViewportSizeAsync(width, width == Wide ? 900 : 844);
            var result = await Page.RunAxe();
            Assert.NotEmpty(result.Passes); // axe ran on the page (its script was not refused)
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            var found = string.Join("\n", result.Violations.Select(v =>
                $"  {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
            Assert.True(serious.Count == 0, $"axe found serious or critical violations on {view} at {width} px:\n{found}");
            if (width == Narrow)
            {
                var sideways = await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
                Assert.False(sideways, $"{view} scrolls sideways at {width} px.");
            }
        }

        await Page.SetViewportSizeAsync(endWidth, endWidth == Wide ? 900 : 844);
    }

    /// <summary>The whole page, or only the viewport (a modal dialog's backdrop covers only that).</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(BrowserFixture.ArtifactsFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, name + ".png"), FullPage = fullPage });
    }

    /// <summary>No console or page error, and the key in no URL, no header but Authorization, no body.</summary>
    public async Task AssertCleanAsync()
    {
        Assert.True(_errors.IsEmpty, "The page logged errors:\n" + string.Join("\n", _errors));
        Assert.NotEmpty(_requests);
        foreach (var request in _requests)
        {
            Assert.DoesNotContain(Key, request.Url, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, request.PostData ?? "", StringComparison.Ordinal);
            var headers = await request.AllHeadersAsync();
            foreach (var (name, value) in headers)
            {
                if (!string.Equals(name, "authorization", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.False(value.Contains(Key, StringComparison.Ordinal), $"The key is in the {name} header of {request.Method} {request.Url}.");
                }
                else
                {
                    Assert.StartsWith(_fixture.BaseAddress.AbsoluteUri + "v1/", request.Url, StringComparison.Ordinal);
                }
            }
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
