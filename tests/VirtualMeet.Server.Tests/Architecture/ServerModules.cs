using System.Reflection;
using NetArchTest.Rules;

namespace VirtualMeet.Server.Tests.Architecture;

/// <summary>
/// The server's modules as its folders name them: every folder under <c>Features/</c> (and under
/// <c>Features/Networking/</c>), <c>Rooms/</c> and <c>Platform/</c>, and which of them each one uses, read from
/// the compiled assembly by NetArchTest (type references in signatures, fields and method bodies).
/// </summary>
internal static class ServerModules
{
    public const string Root = "VirtualMeet.Server";
    public const string FeaturesLayer = Root + ".Features";
    public const string RoomsLayer = Root + ".Rooms";
    public const string PlatformLayer = Root + ".Platform";
    public const string StorageModule = PlatformLayer + ".Storage";

    /// <summary>A group of features rather than one: its sub-folders are the modules.</summary>
    private const string Networking = FeaturesLayer + ".Networking";

    public static Assembly Assembly { get; } = typeof(Program).Assembly;

    public static IReadOnlyList<string> All { get; } = Discover();

    public static IEnumerable<string> Under(string layer) => All.Where(m => m.StartsWith(layer + ".", StringComparison.Ordinal));

    /// <summary>Which modules each module uses, without itself: computed once, about 500 NetArchTest queries.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Uses { get; } = All.ToDictionary(
        module => module,
        module => (IReadOnlyList<string>)All.Where(other => other != module && DependsOn(module, other)).ToList());

    /// <summary>The types of <paramref name="module"/> that use any of <paramref name="namespaces"/>.</summary>
    public static IReadOnlyList<string> TypesUsing(string module, params string[] namespaces)
    {
        var result = Types.InAssembly(Assembly).That().ResideInNamespace(module)
            .ShouldNot().HaveDependencyOnAny(namespaces).GetResult();
        return result.IsSuccessful ? [] : result.FailingTypeNames.ToList();
    }

    /// <summary>One module per folder; a namespace below a module's folder (<c>Events.DemoData</c>) belongs to it.</summary>
    public static string? ModuleOf(string? @namespace)
    {
        if (@namespace is null)
            return null;
        foreach (var layer in new[] { Networking, FeaturesLayer, RoomsLayer, PlatformLayer })
        {
            if (!@namespace.StartsWith(layer + ".", StringComparison.Ordinal))
                continue;
            var next = @namespace.IndexOf('.', layer.Length + 1);
            return next < 0 ? @namespace : @namespace[..next];
        }

        return null;
    }

    // NetArchTest matches namespaces by prefix; no module's name is a prefix of another's (ModuleNamesAreNotPrefixesOfEachOther).
    private static bool DependsOn(string module, string other) => TypesUsing(module, other).Count > 0;

    private static List<string> Discover() => Assembly.GetTypes()
        .Select(t => ModuleOf(t.Namespace))
        .OfType<string>()
        .Where(m => m != Networking)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();
}
