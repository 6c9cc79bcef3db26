namespace Snowferry.Service.Tests.Console;

/// <summary>
/// The browser tests share one <see cref="BrowserFixture"/> (one service, one Chromium) and run one after another: a
/// machine of two cores runs one browser at a time well, and the cancel test's slow statement stays its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
