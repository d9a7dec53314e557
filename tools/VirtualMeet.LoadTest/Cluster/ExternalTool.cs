using System.Diagnostics;

namespace VirtualMeet.LoadTest.Cluster;

/// <summary>Runs a command-line tool (redis-cli, redis-benchmark) to completion and returns what it printed.</summary>
internal static class ExternalTool
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout.TotalSeconds:0} s.");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{fileName} failed with exit code {process.ExitCode}: {await error}");
    }
}
