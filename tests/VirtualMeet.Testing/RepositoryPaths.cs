using System.Reflection;

namespace VirtualMeet.Testing;

/// <summary>The checkout the tests were built from, for tests that run its scripts (deploy/, scripts/).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value
        ?? throw new InvalidOperationException("The RepositoryRoot assembly metadata is missing.");

    public static string File(params string[] relative) => Path.Combine([Root, .. relative]);
}
