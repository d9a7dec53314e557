using System.Diagnostics;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Deployment;

public sealed class DeployCheckTests
{
    /// <summary>
    /// deploy/check.sh runs nginx -t on the compose and local nginx configs, loads redis.conf in a real
    /// redis-server, and checks the compose file and Dockerfile against the repository (there is no Docker here).
    /// </summary>
    [Fact]
    public async Task StaticDeploymentChecksPass()
    {
        var script = RepositoryPaths.File("deploy", "check.sh");
        var startInfo = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin";

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Recovery);

        var report = await output + await errors;
        Assert.True(process.ExitCode == 0, report);
        Assert.Contains("nginx -t", report, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", report, StringComparison.Ordinal);
    }
}
