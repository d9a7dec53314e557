using System.Diagnostics;
using System.Net.Http.Json;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Deployment;

/// <summary>
/// The documented no-Docker topology (deploy/local/topology.sh): redis-server, two server processes and nginx,
/// on free loopback ports, started from the server build that this test run already compiled.
/// </summary>
internal sealed class LocalTopology : IAsyncDisposable
{
    private readonly string _script;
    private readonly Dictionary<string, string> _environment;

    private LocalTopology(string script, Dictionary<string, string> environment, IReadOnlyDictionary<string, string> ports)
    {
        _script = script;
        _environment = environment;
        Ports = ports;
    }

    public IReadOnlyDictionary<string, string> Ports { get; }

    public Uri NginxUrl => new($"http://127.0.0.1:{Ports["VM_NGINX_PORT"]}");

    public Uri NodeAUrl => new($"http://127.0.0.1:{Ports["VM_NODE_A_PORT"]}");

    public Uri NodeBUrl => new($"http://127.0.0.1:{Ports["VM_NODE_B_PORT"]}");

    /// <summary>nginx's https/wss entry, when the topology was started with <c>VM_TLS_CERT</c> and <c>VM_TLS_KEY</c>.</summary>
    public Uri NginxTlsUrl => new($"https://127.0.0.1:{Ports["VM_NGINX_TLS_PORT"]}");

    /// <summary>nginx's access log, as the shipped log format writes it.</summary>
    public string NginxAccessLog => Path.Combine(_environment["VM_RUN_DIR"], "logs", "nginx-access.log");

    /// <param name="cancellationToken">Bounds the start.</param>
    /// <param name="settings">More environment for topology.sh, e.g. the nginx budgets (<c>NGINX_HUB_CONNECTIONS</c>).</param>
    public static async Task<LocalTopology> UpAsync(
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var runDirectory = Directory.CreateTempSubdirectory("vm-topology-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["VM_RUN_DIR"] = runDirectory,
            ["VM_PORTS_AUTO"] = "1",
            ["VM_PUBLISH_DIR"] = ServerBuildDirectory(),
            ["VM_ORGANIZER_KEY"] = VirtualMeetNode.TestOrganizerKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var script = RepositoryPaths.File("deploy", "local", "topology.sh");
        var topology = new LocalTopology(script, environment, new Dictionary<string, string>());
        try
        {
            await topology.RunAsync("up", TimeSpan.FromMinutes(2), cancellationToken);
        }
        catch
        {
            await topology.RunAsync("down", TestTimeouts.Recovery, CancellationToken.None);
            throw;
        }

        var ports = File.ReadAllLines(Path.Combine(runDirectory, "ports.env"))
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim().Trim('"'));
        return new LocalTopology(script, environment, ports);
    }

    /// <summary>An organizer token, signed in through nginx (the nodes share the signing key).</summary>
    public async Task<string> OrganizerTokenAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = NginxUrl, Timeout = TestTimeouts.Default };
        return await OrganizerTokenAsync(http, cancellationToken);
    }

    /// <summary>An organizer token, signed in through <paramref name="http"/> (e.g. a client of the TLS entry).</summary>
    public static async Task<string> OrganizerTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var login = await http.PostAsJsonAsync("/api/auth/organizer", new { key = VirtualMeetNode.TestOrganizerKey }, cancellationToken);
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<TokenBody>(cancellationToken))!.AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("down", TestTimeouts.Recovery, CancellationToken.None);
        try
        {
            Directory.Delete(_environment["VM_RUN_DIR"], recursive: true);
        }
        catch (IOException)
        {
            // Logs left in a temp folder are harmless.
        }
    }

    private async Task RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash", [_script, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"topology.sh {command} did not finish within {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"topology.sh {command} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    /// <summary>
    /// The server build that this test project already carries: a referenced web project is copied with its
    /// runtimeconfig, deps and appsettings, so it runs from the test's own output folder.
    /// </summary>
    private static string ServerBuildDirectory()
    {
        var directory = AppContext.BaseDirectory;
        return File.Exists(Path.Combine(directory, "VirtualMeet.Server.runtimeconfig.json"))
            ? directory
            : throw new InvalidOperationException($"The server build is missing from {directory}.");
    }

    private sealed record TokenBody(string AccessToken);
}

/// <summary>
/// Tests that start a <see cref="LocalTopology"/> (two server processes, redis-server and nginx each) run one after
/// the other: on a small machine several topologies starting at once starve each other and every other test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalTopologies
{
    public const string Name = "Local topologies";
}
