namespace Snowferry.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Exception_Transient_IsKept() => Assert.True(new SnowferryException("x", null, isTransient: true).IsTransient);
}
