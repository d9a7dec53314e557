namespace VirtualMeet.LoadTest.Cluster;

/// <summary>Where the server build is: <c>VM_SERVER_DLL</c>, else the copy the project reference put beside the tool.</summary>
internal static class ServerBuild
{
    public const string Variable = "VM_SERVER_DLL";

    /// <summary>The baseline hub has no variable: only the copy its project reference put beside the tool.</summary>
    public static string LocateBaseline()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "VirtualMeet.BaselineHub.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The baseline hub build was not found at {path}; build tools/VirtualMeet.LoadTest.");
    }

    /// <summary>
    /// The commit a build was made from: the SDK appends it to the informational version (<c>1.0.0+sha</c>) when it
    /// builds inside a git checkout. Read from the binary, not from the tree, since the tree may have moved on since.
    /// </summary>
    public static string Commit(string dll)
    {
        var version = System.Diagnostics.FileVersionInfo.GetVersionInfo(dll).ProductVersion ?? "";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? "unknown" : version[(plus + 1)..][..Math.Min(12, version.Length - plus - 1)];
    }

    public static string Locate()
    {
        var path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "VirtualMeet.Server.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The server build was not found at {path}; build the solution or set {Variable}.");
    }
}
