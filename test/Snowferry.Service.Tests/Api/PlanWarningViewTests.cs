using Snowferry.Planning;
using Snowferry.Service.Api;

namespace Snowferry.Service.Tests.Api;

public sealed class PlanWarningViewTests
{
    // A code the library adds without an option here would fail every plan that carries it.
    [Fact]
    public void OptionOf_EveryLibraryCode_NamesARequestOption()
    {
        foreach (var code in Enum.GetValues<PlanWarningCode>())
        {
            Assert.NotEmpty(PlanWarningView.OptionOf(code));
        }
    }
}
