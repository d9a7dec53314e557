using System.Diagnostics;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Deployment;

/// <summary>
/// scripts/run.sh runs the Development environment, whose signing key and organizer key are public: it listens beyond
/// loopback only with real keys from the environment. A stand-in <c>dotnet</c> first on PATH records what the script
/// would have started, so no test here builds or starts a server.
/// </summary>
public sealed class RunScriptTests : IDisposable
{
    private const string RealSigningKey = "a-real-signing-key-from-the-environment-0123456789";
    private readonly string _fakeDotnetDirectory = Directory.CreateTempSubdirectory("vm-run-sh-").FullName;

    public RunScriptTests()
    {
        var fake = Path.Combine(_fakeDotnetDirectory, "dotnet");
        File.WriteAllText(fake, "#!/bin/sh\necho \"started: dotnet $*\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:8080")]
    [InlineData("--urls=http://[::]:8080")]
    [InlineData("--urls", "http://127.0.0.1:5080;http://+:80")]
    [InlineData("--urls", "http://conference.example:8080")]
    public async Task RefusesToListenBeyondLoopbackWithTheDevelopmentKeys(params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(arguments, new Dictionary<string, string?>());

        Assert.Equal(2, exitCode);
        Assert.Contains("refusing to listen beyond loopback", output, StringComparison.Ordinal);
        Assert.Contains("Auth__SigningKey", output, StringComparison.Ordinal);
        Assert.DoesNotContain("started:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesWhenOnlyTheSigningKeyIsReal()
    {
        var (exitCode, output) = await RunAsync(
            ["--urls", "http://0.0.0.0:8080"],
            new Dictionary<string, string?> { ["Auth__SigningKey"] = RealSigningKey, ["Auth__OrganizerKey"] = "dev-organizer-key" });

        Assert.Equal(2, exitCode);
        Assert.Contains("refusing to listen beyond loopback", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListensBeyondLoopbackWithRealKeysFromTheEnvironment()
    {
        var (exitCode, output) = await RunAsync(
            ["--urls", "http://0.0.0.0:8080"],
            new Dictionary<string, string?> { ["Auth__SigningKey"] = RealSigningKey, ["Auth__OrganizerKey"] = "a-real-organizer-key" });

        Assert.Equal(0, exitCode);
        Assert.Contains("started: dotnet run", output, StringComparison.Ordinal);
        Assert.Contains("--urls http://0.0.0.0:8080", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://localhost:5090")]
    [InlineData("--urls=http://127.0.0.1:5090;http://[::1]:5090")]
    public async Task LoopbackNeedsNoKeys(params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(arguments, new Dictionary<string, string?>());

        Assert.Equal(0, exitCode);
        Assert.Contains("started: dotnet run", output, StringComparison.Ordinal);
        Assert.DoesNotContain("refusing", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_fakeDotnetDirectory, recursive: true);

    private async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, Dictionary<string, string?> environment)
    {
        var startInfo = new ProcessStartInfo("bash", [RepositoryPaths.File("scripts", "run.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["PATH"] = _fakeDotnetDirectory + ":" + Environment.GetEnvironmentVariable("PATH");
        startInfo.Environment.Remove("Auth__SigningKey");
        startInfo.Environment.Remove("Auth__OrganizerKey");
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }
}
