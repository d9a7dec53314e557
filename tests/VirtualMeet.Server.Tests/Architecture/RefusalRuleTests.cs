using NetArchTest.Rules;
using static VirtualMeet.Server.Tests.Architecture.ServerModules;

namespace VirtualMeet.Server.Tests.Architecture;

/// <summary>
/// One way to say "no": services, hubs and endpoints throw a <c>Refusal</c>, and only the Refusals module turns it
/// into SignalR's <c>HubException</c>. A type elsewhere that names <c>HubException</c> is a second refusal format
/// (and, thrown uncoded, a hub error clients cannot branch on).
/// </summary>
public sealed class RefusalRuleTests
{
    private const string RefusalsModule = PlatformLayer + ".Refusals";
    private const string HubException = "Microsoft.AspNetCore.SignalR.HubException";

    [Fact]
    public void OnlyTheRefusalsModuleNamesHubException()
    {
        var offenders = Types.InAssembly(Assembly).That().DoNotResideInNamespace(RefusalsModule)
            .ShouldNot().HaveDependencyOn(HubException).GetResult().FailingTypeNames ?? [];
        Assert.Empty(offenders);
    }

    [Fact]
    public void TheRuleSeesTheOneTypeThatMayNameHubException()
    {
        // Guards the rule above against passing vacuously (a renamed namespace, a type name NetArchTest cannot match).
        Assert.Contains(RefusalsModule, All);
        Assert.Contains(TypesUsing(RefusalsModule, HubException), name => name.Contains("RefusalHubFilter", StringComparison.Ordinal));
    }
}
