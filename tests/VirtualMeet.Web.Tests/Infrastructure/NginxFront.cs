using System.Diagnostics;
using VirtualMeet.Testing;

namespace VirtualMeet.Web.Tests.Infrastructure;

/// <summary>
/// The shipped nginx configuration (deploy/nginx/nginx.conf.template, rendered by deploy/local/topology.sh as the
/// local topology renders it) in front of <paramref name="upstreams"/>, on a free loopback port, with every file it
/// writes in a temporary directory. Fails, never skips, when nginx is missing.
/// </summary>
public sealed class NginxFront : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxFront(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What nginx logged per request (the shipped format: method, path, status, upstream).</summary>
    public string AccessLog => Path.Combine(_directory, "logs", "access.log");

    public static async Task<NginxFront> StartAsync(IEnumerable<Uri> upstreams, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("vm-web-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        Directory.CreateDirectory(Path.Combine(directory, "temp"));
        var port = FreePorts.Next();
        var config = Path.Combine(directory, "nginx.conf");
        await RunToEndAsync("bash", [RepositoryPaths.File("deploy", "local", "topology.sh"), "render-nginx", config], new Dictionary<string, string>
        {
            // As root nginx would hand its workers to `nobody`, which cannot reach a private temp directory.
            ["NGINX_USER_LINE"] = Environment.UserName == "root" ? "user root;" : "",
            ["NGINX_PID"] = Path.Combine(directory, "nginx.pid"),
            ["NGINX_ERROR_LOG"] = Path.Combine(directory, "logs", "error.log"),
            ["NGINX_ACCESS_LOG"] = Path.Combine(directory, "logs", "access.log"),
            ["NGINX_TEMP_DIR"] = Path.Combine(directory, "temp"),
            ["NGINX_LISTEN"] = $"127.0.0.1:{port}",
            ["NGINX_UPSTREAMS"] = string.Join(' ', upstreams.Select(u => $"{u.Host}:{u.Port}")),
        }, cancellationToken);

        var startInfo = new ProcessStartInfo(NginxBinary(), ["-e", Path.Combine(directory, "logs", "error.log"), "-p", directory, "-c", config, "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("nginx did not start.");
        var front = new NginxFront(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            using var http = new HttpClient { BaseAddress = front.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.UntilAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException(
                            $"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
                    }

                    using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                    return ready.IsSuccessStatusCode;
                },
                ready => ready,
                TestTimeouts.Recovery,
                "nginx answering /health/ready");
            return front;
        }
        catch
        {
            await front.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The master and its workers: killing the master alone would leave the workers holding the port.
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Logs left in a temp folder are harmless.
        }
    }

    private static string NginxBinary() =>
        File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "nginx")).FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("nginx is not installed (Debian: apt-get install -y nginx); the tests through nginx need it.");

    private static async Task RunToEndAsync(string file, string[] arguments, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(file, arguments) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{file} did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        }
    }
}
