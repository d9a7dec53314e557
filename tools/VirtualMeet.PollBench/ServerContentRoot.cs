using System.Text.Json;

namespace VirtualMeet.PollBench;

/// <summary>
/// Outside a test project WebApplicationFactory guesses the server's content root from the working directory;
/// the build already wrote the real path into MvcTestingAppManifest.json, so the tool names it explicitly.
/// </summary>
internal static class ServerContentRoot
{
    private const string Variable = "ASPNETCORE_TEST_CONTENTROOT_VIRTUALMEET_SERVER";

    public static void Configure()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 })
            return;

        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))!;
        var server = roots.First(r => r.Key.StartsWith("VirtualMeet.Server,", StringComparison.Ordinal)).Value;
        Environment.SetEnvironmentVariable(Variable, server);
    }
}
