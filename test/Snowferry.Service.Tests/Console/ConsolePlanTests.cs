using Microsoft.Playwright;
using static Snowferry.Service.Tests.ServiceHttp;

namespace Snowferry.Service.Tests.Console;

/// <summary>The console's plan preview in a real browser: roles, the exact SQL, errors by their field, identifier warnings.</summary>
[Collection(BrowserTests.Name)]
public sealed class ConsolePlanTests(BrowserFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanPreview_Orders_ShowsRolesAndTheExactSqlAndPlacesErrorsByTheirField()
    {
        await using var console = await ConsolePage.OpenAsync(fixture);
        console.AllowApiProblem(422);
        console.AllowApiProblem(403);
        var page = console.Page;
        await console.SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New transfer" }).ClickAsync();
        await page.GetByLabel("Table").FillAsync("ORDERS_100K");
        await page.GetByLabel("Key columns").FillAsync("O_ORDERKEY");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview plan" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan of SNOWFERRY.PUBLIC.ORDERS_100K" })).ToBeVisibleAsync();
        await Assertions.Expect(Role(page, "O_ORDERKEY")).ToHaveTextAsync("key");
        await Assertions.Expect(Role(page, "O_ORDERDATE")).ToHaveTextAsync("month");
        await Assertions.Expect(Role(page, "O_TOTALPRICE")).ToHaveTextAsync("sum");
        using var http = fixture.Http(fixture.AcmeKey);
        using var planned = await http.PostAsync("/v1/plans", TransferBody("ORDERS_100K", $"s3://{fixture.Bucket}/acme/", """{"format":"parquet","mode":"stream","key_columns":["O_ORDERKEY"]}"""), Ct);
        var plan = await BodyAsync(planned, Ct);
        Assert.Equal(plan.GetProperty("sql").GetString(), await page.Locator("#plan-sql").TextContentAsync());
        await console.CheckAccessibilityAsync("new transfer with a plan");
        await console.ScreenshotAsync("new-transfer-plan");

        // A column the table does not have: the planner's message next to the field that names it.
        await page.GetByLabel("Key columns").FillAsync("NOPE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview plan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#f-key-error")).ToContainTextAsync("options.key_columns names NOPE");
        await Assertions.Expect(page.GetByLabel("Key columns")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#plan")).ToBeHiddenAsync();

        // A table outside the allowlist: the refusal next to the table.
        await page.GetByLabel("Key columns").FillAsync("");
        await page.GetByLabel("Table").FillAsync("MOVIE_RATINGS_27M");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview plan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#f-table-error")).ToContainTextAsync("not in this client's allowed tables");
        await Assertions.Expect(page.Locator("#f-key-error")).ToBeEmptyAsync();
        await console.CheckAccessibilityAsync("new transfer with a field error");
        await console.AssertCleanAsync();
    }

    [Fact]
    public async Task PlanPreview_SummedIdentifier_IsFlaggedAndOneClickGroupsByIt()
    {
        await using var console = await ConsolePage.OpenAsync(fixture);
        var page = console.Page;
        await console.SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New transfer" }).ClickAsync();
        await page.GetByLabel("Table").FillAsync("ORDERS_100K");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview plan" }).ClickAsync();

        // The defaults sum O_ORDERKEY: the flag, in the API's words, sits in its row.
        using var http = fixture.Http(fixture.AcmeKey);
        using var planned = await http.PostAsync("/v1/plans", TransferBody("ORDERS_100K", $"s3://{fixture.Bucket}/acme/"), Ct);
        var warning = (await BodyAsync(planned, Ct)).GetProperty("warnings").EnumerateArray()
            .Single(w => w.GetProperty("column").GetString() == "O_ORDERKEY");
        var row = page.Locator("#plan-columns tr[data-column='O_ORDERKEY']");
        await Assertions.Expect(Role(page, "O_ORDERKEY")).ToHaveTextAsync("sum");
        await Assertions.Expect(row.Locator("[data-warning=identifier_summed]")).ToContainTextAsync(warning.GetProperty("detail").GetString()!);
        await console.CheckAccessibilityAsync("a plan with identifier warnings");
        await console.ScreenshotAsync("new-transfer-warnings");

        await row.GetByRole(AriaRole.Button, new() { Name = "Group by it (key)" }).ClickAsync();
        await Assertions.Expect(Role(page, "O_ORDERKEY")).ToHaveTextAsync("key");
        await Assertions.Expect(page.GetByLabel("Key columns")).ToHaveValueAsync("O_ORDERKEY");
        await Assertions.Expect(row.Locator("[data-warning]")).ToHaveCountAsync(0);
        Assert.Contains("GROUP BY", await page.Locator("#plan-sql").TextContentAsync(), StringComparison.Ordinal);
        await console.AssertCleanAsync();
    }

    private static ILocator Role(IPage page, string column) => page.Locator($"#plan-columns tr[data-column='{column}'] .role");
}
