using static VirtualMeet.Server.Tests.Architecture.ServerModules;

namespace VirtualMeet.Server.Tests.Architecture;

/// <summary>
/// The dependency rules of docs/architecture.md, checked on the compiled server: features use rooms, the platform
/// and other features' ports without cycles; rooms use only the platform; the platform uses no feature or room,
/// except that StorageModule implements the ports they own; only StorageModule and Realtime name Redis.
/// </summary>
public sealed class LayerTests
{
    private static readonly string[] RedisNamespaces =
    [
        "StackExchange.Redis",
        "VirtualMeet.SignalR.Redis",
        "Microsoft.AspNetCore.SignalR.StackExchangeRedis",
        StorageModule + ".Redis",
    ];

    [Fact]
    public void TheServerIsMadeOfFeaturesRoomsAndPlatform()
    {
        Assert.Contains(FeaturesLayer + ".Polls", All);
        Assert.Contains(RoomsLayer + ".Presence", All);
        Assert.Contains(PlatformLayer + ".Realtime", All);
        var outside = Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith(Root + ".", StringComparison.Ordinal) && ModuleOf(ns) is null)
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public void ModuleNamesAreNotPrefixesOfEachOther()
    {
        // NetArchTest matches namespaces by prefix, so "Features.Events" would also count a "Features.EventsX".
        var clashes = All.SelectMany(a => All.Where(b => a != b && b.StartsWith(a, StringComparison.Ordinal)).Select(b => $"{a} / {b}"));
        Assert.Empty(clashes);
    }

    [Fact]
    public void NoModulesDependOnEachOtherInACycle()
    {
        var cycle = DependencyCycles.Find(Uses);
        Assert.True(cycle is null, $"Modules depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    /// <summary>Which features each feature may use: the table of docs/architecture.md. A new edge is a design change.</summary>
    private static readonly Dictionary<string, string[]> FeatureUses = new()
    {
        ["Events"] = [],
        ["Registrations"] = ["Events"],
        ["SignIn"] = ["Events", "Organizers"],
        ["Organizers"] = ["Events"],
        ["Attendance"] = ["Events", "Registrations"],
        ["Stage"] = ["Events", "Registrations"],
        ["Polls"] = ["Events"],
        ["Breakouts"] = ["Events", "Registrations"],
        ["Networking.Matchmaking"] = ["Events", "Registrations"],
        ["Networking.Bars"] = ["Events", "Registrations", "Networking.Matchmaking"],
    };

    [Fact]
    public void FeaturesUseOnlyTheFeaturesTheArchitectureDocumentNames()
    {
        var features = Under(FeaturesLayer).ToList();
        Assert.Equal(FeatureUses.Keys.Order(), features.Select(Short).Order());
        var unexpected = features.SelectMany(feature => Uses[feature]
                .Where(used => used.StartsWith(FeaturesLayer + ".", StringComparison.Ordinal))
                .Select(Short)
                .Except(FeatureUses[Short(feature)])
                .Select(used => $"{Short(feature)} -> {used}"))
            .ToList();
        Assert.Empty(unexpected);
    }

    [Fact]
    public void RoomsUseNoFeature()
    {
        var offenders = Under(RoomsLayer).SelectMany(room => TypesUsing(room, FeaturesLayer));
        Assert.Empty(offenders);
    }

    [Fact]
    public void PlatformUsesNoFeatureOrRoomExceptStorageImplementingTheirPorts()
    {
        var offenders = Under(PlatformLayer).Where(m => m != StorageModule).SelectMany(m => TypesUsing(m, FeaturesLayer, RoomsLayer));
        Assert.Empty(offenders);
    }

    [Fact]
    public void StorageUsesOnlyThePortsOfFeaturesAndRooms()
    {
        // A store implements a port and returns its records; it never calls a feature's service or hub.
        var services = Assembly.GetTypes()
            .Where(t => ModuleOf(t.Namespace) is { } m && !m.StartsWith(PlatformLayer, StringComparison.Ordinal)
                && (t.Name.EndsWith("Service", StringComparison.Ordinal) || t.Name.EndsWith("Hub", StringComparison.Ordinal)))
            .Select(t => t.FullName!)
            .ToArray();
        var offenders = NetArchTest.Rules.Types.InAssembly(Assembly).That().ResideInNamespace(StorageModule)
            .ShouldNot().HaveDependencyOnAny(services).GetResult().FailingTypeNames ?? [];
        Assert.Empty(offenders);
    }

    [Fact]
    public void NoFeatureOrRoomNamesRedis()
    {
        var offenders = Under(FeaturesLayer).Concat(Under(RoomsLayer)).SelectMany(m => TypesUsing(m, RedisNamespaces));
        Assert.Empty(offenders);
    }

    [Fact]
    public void FeaturesAndRoomsReachStoresOnlyThroughTheirPorts()
    {
        var offenders = Under(FeaturesLayer).Concat(Under(RoomsLayer)).SelectMany(m => TypesUsing(m, StorageModule));
        Assert.Empty(offenders);
    }

    private static string Short(string module) => module[(FeaturesLayer.Length + 1)..];

    [Fact]
    public void OnlyStorageAndRealtimeNameRedisInThePlatform()
    {
        var offenders = Under(PlatformLayer).Where(m => m != StorageModule && m != PlatformLayer + ".Realtime")
            .SelectMany(m => TypesUsing(m, RedisNamespaces));
        Assert.Empty(offenders);
    }
}
