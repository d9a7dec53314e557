using System.Diagnostics;
using System.Text;

namespace VirtualMeet.Testing;

/// <summary>How a private redis-server admits clients, as a managed Redis does.</summary>
/// <param name="AclUser">An ACL user with every permission; the default user is switched off.</param>
/// <param name="Tls">TLS only (no plain port), with a certificate from a test CA made by openssl.</param>
public sealed record RedisSecurity(string? AclUser = null, bool Tls = false)
{
    public static RedisSecurity None { get; } = new();

    /// <summary>The ACL user's password.</summary>
    public string AclPassword { get; } = "pw-" + Guid.NewGuid().ToString("N");
}

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
    private readonly RedisSecurity _security;
    private TestCertificateAuthority? _authority;
    private Process? _process;

    private RedisServer(int port, string directory, RedisSecurity security)
    {
        Port = port;
        _directory = directory;
        _security = security;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string that tolerates the server being down at start.</summary>
    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>The PEM file of the CA that issued a TLS server's certificate (<c>Redis:CaCertificatePath</c>); null without TLS.</summary>
    public string? CaCertificatePath => _authority?.CertificatePath;

    /// <summary>The connection string of a client that reaches this server through <paramref name="relay"/>.</summary>
    public string ConnectionStringThrough(TcpRelay relay) =>
        relay.TargetPort == Port
            ? ConnectionStringFor(relay.Port)
            : throw new ArgumentException($"The relay forwards to port {relay.TargetPort}, not to this server's {Port}.", nameof(relay));

    public bool IsRunning => _process is { HasExited: false };

    public static Task<RedisServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(RedisSecurity.None, cancellationToken);

    public static async Task<RedisServer> StartAsync(RedisSecurity security, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(security);
        var directory = Directory.CreateTempSubdirectory("vm-redis-").FullName;
        var server = new RedisServer(FreePorts.Next(), directory, security);
        if (security.Tls)
        {
            server._authority = await TestCertificateAuthority.CreateAsync(directory, cancellationToken);
        }

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
    public Task<RespValue> ExecuteAsync(params string[] command) =>
        RespClient.ExecuteAsync(Port, _security.AclUser, _security.AclPassword, CaCertificatePath, command);

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
        foreach (var argument in SecurityArguments().Concat(
                 [
                     "--bind", "127.0.0.1",
                     "--save", "",
                     "--appendonly", "no",
                     "--dir", _directory,
                     "--daemonize", "no",
                     "--protected-mode", "yes",
                     "--loglevel", "notice",
                 ]))
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

    private IEnumerable<string> SecurityArguments()
    {
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_authority is { } authority)
        {
            yield return "--port";
            yield return "0";
            yield return "--tls-port";
            yield return port;
            yield return "--tls-cert-file";
            yield return authority.ServerCertificatePath;
            yield return "--tls-key-file";
            yield return authority.ServerKeyPath;
            yield return "--tls-ca-cert-file";
            yield return authority.CertificatePath;
            yield return "--tls-auth-clients";
            yield return "no";
        }
        else
        {
            yield return "--port";
            yield return port;
        }

        if (_security.AclUser is { } user)
        {
            // Each word its own argument: redis-server joins the words that follow an option into its line.
            foreach (var word in (string[])["--user", "default", "off", "--user", user, "on", ">" + _security.AclPassword, "~*", "&*", "+@all"])
            {
                yield return word;
            }
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

    private string ConnectionStringFor(int port) =>
        $"127.0.0.1:{port},abortConnect=false,connectTimeout=2000,syncTimeout=2000"
        + (_security.AclUser is { } user ? $",user={user},password={_security.AclPassword}" : "")
        + (_security.Tls ? ",ssl=true" : "");
}
