using System.Diagnostics;

namespace VirtualMeet.Testing;

/// <summary>
/// A node in its own process, from the server build in the test output, so a test can kill it the way a machine
/// dies: no graceful disconnects, no leave calls, its heartbeat simply stops.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts a node on <paramref name="redis"/> (backplane and stores) with the test defaults plus <paramref name="settings"/>.</summary>
    public static async Task<ServerProcess> StartWithRedisAsync(RedisServer redis, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePorts.Next();
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "VirtualMeet.Server.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var merged = new Dictionary<string, string?>(VirtualMeetNode.DefaultSettings)
        {
            ["Realtime:Backplane"] = "Redis",
            ["Storage:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
        };
        foreach (var (key, value) in settings)
            merged[key] = value;
        foreach (var (key, value) in merged)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
        // Drain the output so a full pipe never blocks the server.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    return process.HasExited ? false : (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            ready => ready || process.HasExited,
            TestTimeouts.Recovery,
            "the server process gets ready");
        return process.HasExited ? throw new InvalidOperationException($"The server process exited with {process.ExitCode}.") : server;
    }

    public Uri HubUrl(string path) => new(BaseAddress, path);

    /// <summary>Kills the process at once: clients see their connections drop, the server says nothing.</summary>
    public void Crash()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    public async ValueTask DisposeAsync()
    {
        Crash();
        await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
        _process.Dispose();
    }
}
