using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VirtualMeet.LoadTest.Measurement;

namespace VirtualMeet.LoadTest.Cluster;

/// <summary>
/// One VirtualMeet server in its own process, started from the server build beside the tool. Killing it is a
/// crash the way a machine dies: no graceful disconnects, no leave calls, its heartbeat simply stops.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private NodeProcess(Process process, string name, Uri baseAddress, string commit)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
        Commit = commit;
    }

    public string Name { get; }

    /// <summary>The commit the running build was made from (see <see cref="ServerBuild.Commit"/>).</summary>
    public string Commit { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool IsRunning => !_process.HasExited;

    private static StreamWriter OpenLog(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        return new StreamWriter(Path.Combine(directory, $"{name}-{Environment.ProcessId}.log"), append: true) { AutoFlush = true };
    }

    public static Task<NodeProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken) =>
        StartAsync(name, ServerBuild.Locate(), settings, cancellationToken);

    /// <summary>Starts <paramref name="serverDll"/> (a VirtualMeet server or the baseline hub) and waits until it reports ready.</summary>
    public static async Task<NodeProcess> StartAsync(string name, string serverDll, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [serverDll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"])
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Hosting__NodeName"] = name;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Node {name} did not start.");
        var lastLines = new Queue<string>();
        // VM_LOADTEST_NODE_LOGS=<directory> keeps every node's whole output there, for looking into a run.
        var logDirectory = Environment.GetEnvironmentVariable("VM_LOADTEST_NODE_LOGS");
        var log = string.IsNullOrEmpty(logDirectory) ? null : OpenLog(logDirectory, name);
        void Keep(string? line)
        {
            if (line is null)
                return;
            lock (lastLines)
            {
                log?.WriteLine(line);
                lastLines.Enqueue(line);
                if (lastLines.Count > 20)
                    lastLines.Dequeue();
            }
        }

        // Drain the output so a full pipe never blocks the server; keep the tail for error messages.
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var node = new NodeProcess(process, name, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), ServerBuild.Commit(serverDll));
        if (!await node.WaitUntilReadyAsync(cancellationToken))
        {
            await node.DisposeAsync();
            string tail;
            lock (lastLines) tail = string.Join('\n', lastLines);
            throw new InvalidOperationException($"Node {name} did not get ready within {ReadyTimeout.TotalSeconds:0} s:\n{tail}");
        }

        return node;
    }

    /// <summary>Resident memory of the server process (VmRSS), in bytes.</summary>
    public long ResidentBytes() => ProcessMemory.ResidentBytes(_process.Id);

    /// <summary>SIGKILL at once: clients see their sockets drop, the server says nothing to anyone.</summary>
    public void Crash()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        // Kill only sends the signal; wait until the process is gone so IsRunning tells the truth at once.
        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        Crash();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private async Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(ReadyTimeout);
        using var interval = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), bound.Token);
                if (response.IsSuccessStatusCode)
                    return true;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!bound.IsCancellationRequested)
            {
                // One probe timed out; try again.
            }

            try
            {
                await interval.WaitForNextTickAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
