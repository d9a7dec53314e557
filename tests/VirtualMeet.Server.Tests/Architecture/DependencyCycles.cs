namespace VirtualMeet.Server.Tests.Architecture;

/// <summary>Finds one cycle in a dependency graph (depth-first search), or null when there is none.</summary>
internal static class DependencyCycles
{
    public static IReadOnlyList<string>? Find(IReadOnlyDictionary<string, IReadOnlyList<string>> uses)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in uses.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, uses, done, path) is { } cycle)
                return cycle;
        }

        return null;
    }

    private static List<string>? Visit(string node, IReadOnlyDictionary<string, IReadOnlyList<string>> uses, HashSet<string> done, List<string> path)
    {
        var onPath = path.IndexOf(node);
        if (onPath >= 0)
            return [.. path[onPath..], node];
        if (!done.Add(node))
            return null;

        path.Add(node);
        foreach (var next in uses.GetValueOrDefault(node) ?? [])
        {
            if (Visit(next, uses, done, path) is { } cycle)
                return cycle;
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }
}
