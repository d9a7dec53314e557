namespace VirtualMeet.LoadTest.Cluster;

/// <summary>Where the server build is: <c>VM_SERVER_DLL</c>, else the copy the project reference put beside the tool.</summary>
internal static class ServerBuild
{
    public const string Variable = "VM_SERVER_DLL";

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
