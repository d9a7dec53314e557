using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VirtualMeet.LoadTest.Cluster;

/// <summary>
/// A private redis-server on a free loopback port. Unlike the test fixture it keeps an append-only file
/// (fsync every write), so a restart is a real restart: the process dies and comes back with the same data.
/// </summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private const string ReadyLine = "Ready to accept connections";
    private readonly string _directory;
    private Process? _process;

    private RedisProcess(int port, string directory)
    {
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis connection string that tolerates the server being away for a while.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)},abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    public static async Task<RedisProcess> StartAsync(CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var redis = new RedisProcess(port, Directory.CreateTempSubdirectory("vm-load-redis-").FullName);
        await redis.StartProcessAsync(cancellationToken);
        return redis;
    }

    /// <summary>SIGKILL, then start again on the same port with the data of the append-only file.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await KillAsync();
        await StartProcessAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task KillAsync()
    {
        if (_process is not { } process)
            return;
        _process = null;
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "yes", "--appendfsync", "always", "--dir", _directory, "--daemonize", "no",
                     // Thousands of connections subscribe to channels; the default 32 MB pub/sub limit would cut a node off under a burst.
                     "--client-output-buffer-limit", "pubsub 256mb 64mb 60", "--maxclients", "20000",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        Process process;
        try
        {
            process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (output) output.AppendLine(e.Data);
                if (e.Data.Contains(ReadyLine, StringComparison.Ordinal))
                    ready.TrySetResult();
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (output) output.AppendLine(e.Data);
            };
            process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited before it was ready:\n{output}"));
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException("redis-server was not found: apt-get install -y redis-server.", missing);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }
}
