using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Snowferry.Planning;
using static Snowferry.Service.Tests.ServiceHttp;

namespace Snowferry.Service.Tests.Console;

/// <summary>
/// The operator's console in a real browser against the real service (local Snowflake, local S3): each test a user's
/// flow, and in each no console error, the key only in the Authorization header, and no serious accessibility issue.
/// Transfers, their progress and outcomes, cancelling, history and signing in and out; plans are in <see cref="ConsolePlanTests"/>.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ConsoleTests(BrowserFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly LocatorAssertionsToHaveAttributeOptions s_untilFinished = new() { Timeout = 90_000 };

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    [Fact]
    public async Task SignIn_WithTheKeyboardOnly_ShowsTheClientsConsole()
    {
        await using var console = await ConsolePage.OpenAsync(fixture);
        var page = console.Page;
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await console.CheckAccessibilityAsync("sign-in");
        await console.ScreenshotAsync("sign-in");

        await TabToAsync(page, "signin-key");
        await page.Keyboard.TypeAsync(console.Key);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#client-name")).ToHaveTextAsync("acme");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Transfers", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(console.Key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('snowferry.key')"));

        await TabToAsync(page, "nav-new");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New transfer", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#f-destination")).ToHaveValueAsync($"s3://{fixture.Bucket}/acme/");
        await console.AssertCleanAsync();
    }

    [Fact]
    public async Task Submit_Orders_ReachesSucceededLiveAndShowsTheManifestOfTheObject()
    {
        await using var console = await ConsolePage.OpenAsync(fixture);
        var page = console.Page;
        var destination = $"s3://{fixture.Bucket}/acme/console-ok/";
        await console.SignInAsync();
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        await page.GetByRole(AriaRole.Link, new() { Name = "New transfer" }).ClickAsync();
        await page.GetByLabel("Table").FillAsync("ORDERS_100K");
        await page.GetByLabel("Destination").FillAsync(destination);
        await page.GetByLabel("Key columns").FillAsync("O_ORDERKEY");
        // A double click submits once: the Idempotency-Key of the form's submission makes it one job.
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit transfer" }).DblClickAsync();

        var job = console.Job("acme/console-ok/");
        await Assertions.Expect(job).ToHaveCountAsync(1);
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "succeeded", s_untilFinished);
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page reloaded to show the job's progress.");

        var id = await job.GetAttributeAsync("data-id");
        using var http = fixture.Http(fixture.AcmeKey);
        using (var list = await http.GetAsync("/v1/transfers?limit=200", Ct))
        {
            var jobs = (await BodyAsync(list, Ct)).GetProperty("items").EnumerateArray();
            Assert.Single(jobs, j => j.GetProperty("destination_s3_bucket").GetString() == destination);
        }

        using var response = await http.GetAsync($"/v1/transfers/{id}", Ct);
        var served = await BodyAsync(response, Ct);
        var fileName = served.GetProperty("result").GetProperty("file_name").GetString()!;
        var rowCount = served.GetProperty("result").GetProperty("row_count").GetInt64();
        await Assertions.Expect(job.Locator("[data-fact=key]")).ToHaveTextAsync(fileName);
        await Assertions.Expect(job.Locator("[data-fact=row-count]")).ToHaveTextAsync(Count(rowCount));
        await Assertions.Expect(job.Locator("[data-fact=checksum]")).ToHaveTextAsync(served.GetProperty("report").GetProperty("checksum").GetString()!);
        Assert.Equal([fileName, fileName + ".manifest.json"], (await fixture.ListKeysAsync("acme/console-ok/", Ct)).Order(StringComparer.Ordinal));
        await console.CheckAccessibilityAsync("transfers with a finished job");
        await console.ScreenshotAsync("transfers", fullPage: false);

        await job.GetByRole(AriaRole.Button, new() { Name = "Manifest" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Manifest of SNOWFERRY.PUBLIC.ORDERS_100K" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        using var manifest = JsonDocument.Parse((await fixture.ReadObjectAsync(fileName + ".manifest.json", Ct))!);
        var file = manifest.RootElement.GetProperty("files")[0];
        Assert.Equal(fileName, file.GetProperty("key").GetString());
        await Assertions.Expect(dialog.Locator("[data-manifest=key]")).ToHaveTextAsync(fileName);
        await Assertions.Expect(dialog.Locator("[data-manifest=rows]")).ToHaveTextAsync(Count(manifest.RootElement.GetProperty("output_rows").GetInt64()));
        Assert.Equal(rowCount, manifest.RootElement.GetProperty("output_rows").GetInt64());
        await console.CheckAccessibilityAsync("the manifest dialog");
        await console.ScreenshotAsync("manifest", fullPage: false);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        await page.SetViewportSizeAsync(ConsolePage.Narrow, 844);
        await console.ScreenshotAsync("transfers-390", fullPage: false);
        await console.AssertCleanAsync();
    }

    [Fact]
    public async Task Submit_UnknownTableInTheAllowlist_ShowsTheFailuresTitleAndDetail()
    {
        await using var console = await ConsolePage.OpenAsync(fixture);
        var page = console.Page;
        await console.SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New transfer" }).ClickAsync();
        await page.GetByLabel("Table").FillAsync("ORDERS_NOPE");
        await page.GetByLabel("Destination").FillAsync($"s3://{fixture.Bucket}/acme/console-nope/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit transfer" }).ClickAsync();

        var job = console.Job("acme/console-nope/");
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "failed", s_untilFinished);
        using var http = fixture.Http(fixture.AcmeKey);
        using var response = await http.GetAsync($"/v1/transfers/{await job.GetAttributeAsync("data-id")}", Ct);
        var error = (await BodyAsync(response, Ct)).GetProperty("error");
        await Assertions.Expect(job.Locator(".problem-title")).ToHaveTextAsync(error.GetProperty("title").GetString()!);
        await Assertions.Expect(job.Locator(".problem-detail")).ToHaveTextAsync(error.GetProperty("detail").GetString()!);
        await Assertions.Expect(job.Locator(".problem-detail")).ToContainTextAsync("ORDERS_NOPE");
        await job.ScrollIntoViewIfNeededAsync();
        await console.CheckAccessibilityAsync("transfers with a failed job");
        await console.ScreenshotAsync("failed-job", fullPage: false);
        await console.AssertCleanAsync();
    }

    [Fact]
    public async Task Cancel_ASlowTransfer_AfterConfirming_IsCancelledAndLeavesNothing()
    {
        await using var console = await ConsolePage.OpenAsync(fixture);
        var page = console.Page;
        // Only this transfer's aggregation is slow; every other statement of the shared local Snowflake runs at once.
        fixture.Snowflake.Server.Faults.DelayStatementsWhere(
            sql => sql.Contains(TransferPlan.SourceRowsColumn, StringComparison.Ordinal) && sql.Contains("LOCATIONS_595", StringComparison.Ordinal),
            TimeSpan.FromMinutes(10));
        try
        {
            await console.SignInAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "New transfer" }).ClickAsync();
            await page.GetByLabel("Table").FillAsync("LOCATIONS_595");
            await page.GetByLabel("Destination").FillAsync($"s3://{fixture.Bucket}/acme/console-cancel/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit transfer" }).ClickAsync();

            var job = console.Job("acme/console-cancel/");
            await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "running", s_untilFinished);
            await job.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Cancel this transfer?" });
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await console.CheckAccessibilityAsync("the cancel dialog");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel transfer" }).ClickAsync();

            await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "cancelled", s_untilFinished);
            await Assertions.Expect(job.Locator(".problem-title")).ToHaveTextAsync("Transfer cancelled");
            Assert.Empty(await fixture.ListKeysAsync("acme/console-cancel", Ct));
            Assert.Equal(0, await fixture.OpenUploadsAsync("acme/console-cancel", Ct));
            await console.AssertCleanAsync();
        }
        finally
        {
            fixture.Snowflake.Server.Faults.DelayStatementsWhere(null, TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task History_FilteredAndPaged_ShowsTheServicesPagesNewestFirst()
    {
        using var http = fixture.Http(fixture.AcmeKey);
        // Two pages of ten at least, and a failure to filter for.
        await RunAsync(http, TransferBody("ORDERS_NOPE", $"s3://{fixture.Bucket}/acme/console-history/nope"), Ct);
        var (all, _) = await PageAsync(http, "limit=200");
        for (var i = all.Count; i < 12; i++)
        {
            await RunAsync(http, TransferBody("LOCATIONS_595", $"s3://{fixture.Bucket}/acme/console-history/{i}"), Ct);
        }

        var (first, cursor) = await PageAsync(http, "limit=10");
        var (second, _) = await PageAsync(http, "limit=10&cursor=" + Uri.EscapeDataString(cursor!));
        var (failed, _) = await PageAsync(http, "limit=10&state=failed");

        await using var console = await ConsolePage.OpenAsync(fixture);
        var page = console.Page;
        await console.SignInAsync();
        await page.GetByLabel("Per page").SelectOptionAsync("10");
        await ShowsAsync(page, first);
        await page.GetByRole(AriaRole.Button, new() { Name = "Older" }).ClickAsync();
        await Assertions.Expect(page.Locator("#page-number")).ToHaveTextAsync("Page 2");
        await ShowsAsync(page, second);
        await page.GetByRole(AriaRole.Button, new() { Name = "Newer" }).ClickAsync();
        await ShowsAsync(page, first);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Newer" })).ToBeDisabledAsync();

        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("failed");
        await ShowsAsync(page, failed);
        foreach (var job in await page.Locator("#job-list > li.job").AllAsync())
        {
            Assert.Equal("failed", await job.GetAttributeAsync("data-state"));
        }
        await console.AssertCleanAsync();
    }

    private static async Task<(List<string> Ids, string? Cursor)> PageAsync(HttpClient http, string query)
    {
        using var response = await http.GetAsync("/v1/transfers?" + query, Ct);
        var body = await BodyAsync(response, Ct);
        return ([.. body.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()!)], body.GetProperty("next_cursor").GetString());
    }

    // The list shows exactly these jobs, in this order (it refreshes on its own: wait for it, bounded).
    private static async Task ShowsAsync(IPage page, List<string> ids) => await page.WaitForFunctionAsync(
        "ids => JSON.stringify([...document.querySelectorAll('#job-list > li.job')].map(li => li.dataset.id)) === JSON.stringify(ids)",
        ids,
        new PageWaitForFunctionOptions { Timeout = 30_000 });

    [Fact]
    public async Task SignOut_ForgetsTheKey_AndARefusedKeyReturnsToSignIn()
    {
        await using var console = await ConsolePage.OpenAsync(fixture);
        console.AllowApiProblem(401);
        var page = console.Page;
        await console.SignInAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#signin-message")).ToContainTextAsync("Signed out");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('snowferry.key')"));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav")).ToBeHiddenAsync();

        // A key the service no longer knows (rotated away): back to sign-in, saying so.
        await page.EvaluateAsync("() => sessionStorage.setItem('snowferry.key', 'sfk_rotated-away')");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#signin-message")).ToContainTextAsync("no longer accepts your key");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('snowferry.key')"));

        // A mistyped key is refused at sign-in and never kept.
        await page.GetByLabel("Client key").FillAsync("sfk_mistyped");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#signin-message")).ToContainTextAsync("does not know this key");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('snowferry.key')"));
        await console.AssertCleanAsync();
    }

    // Tab through the page as a keyboard user does, until the element is focused.
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var i = 0; i < 20; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id") == id)
            {
                return;
            }
        }

        Assert.Fail($"#{id} was not reached with Tab.");
    }
}
