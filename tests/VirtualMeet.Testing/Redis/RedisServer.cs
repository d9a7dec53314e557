using System.Diagnostics;
using System.Text;

namespace VirtualMeet.Testing;

/// <summary>
/// A private redis-server on a free loopback port, persistence off, owned by one test class or fixture.
/// Starting fails loudly when the binary is missing: tests that need Redis never skip.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string ReadyLine = "Ready to accept connections";

    // Every server this process started, so none outlives the test run even when a fixture failed before it
    // could dispose what it had started.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Process, byte> Running = new();

    static RedisServer()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Keys)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        };
    }
    private readonly string _directory;
    private Process? _process;

    private RedisServer(int port, string directory)
    {
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string that tolerates the server being down at start.</summary>
    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>The connection string of a client that reaches this server through <paramref name="relay"/>.</summary>
    public string ConnectionStringThrough(TcpRelay relay) =>
        relay.TargetPort == Port
            ? ConnectionStringFor(relay.Port)
            : throw new ArgumentException($"The relay forwards to port {relay.TargetPort}, not to this server's {Port}.", nameof(relay));

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("vm-redis-").FullName;
        var server = new RedisServer(FreePorts.Next(), directory);
        await server.StartProcessAsync(cancellationToken);
        return server;
    }

    /// <summary>SIGKILL, as in a crash: no shutdown, clients see a dropped socket.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        var process = _process;
        _process = null;
        Running.TryRemove(process, out _);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
        process.Dispose();
    }

    /// <summary>Starts redis-server again on the same port (data is gone: persistence is off).</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    /// <summary>Runs one command on its own short-lived connection, e.g. <c>CLIENT KILL TYPE pubsub</c>.</summary>
    public Task<RespValue> ExecuteAsync(params string[] command) => RespClient.ExecuteAsync(Port, command);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test over it is not.
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"redis-server is already running on port {Port}.");
        }

        var startInfo = new ProcessStartInfo(FindRedisServer())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--bind", "127.0.0.1",
                     "--save", "",
                     "--appendonly", "no",
                     "--dir", _directory,
                     "--daemonize", "no",
                     "--protected-mode", "yes",
                     "--loglevel", "notice",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains(ReadyLine, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output) output.AppendLine(e.Data);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"redis-server exited with code {process.ExitCode} before it was ready:\n{Snapshot(output)}"));

        process.Start();
        Running.TryAdd(process, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await ready.Task.WaitAsync(TestTimeouts.Recovery, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"redis-server did not become ready on port {Port}:\n{Snapshot(output)}");
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static string FindRedisServer()
    {
        string[] candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
        var found = candidates.FirstOrDefault(File.Exists)
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, "redis-server"))
                .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "redis-server was not found. Install it (apt-get install -y redis-server) or run scripts/test.sh, which does.");
    }

    private static string ConnectionStringFor(int port) => $"127.0.0.1:{port},abortConnect=false,connectTimeout=2000,syncTimeout=2000";
}
