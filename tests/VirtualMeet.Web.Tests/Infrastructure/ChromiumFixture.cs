using VirtualMeet.Testing;

namespace VirtualMeet.Web.Tests.Infrastructure;

/// <summary>
/// Playwright driving Debian's Chromium, headless, shared by every test of the assembly. Each test opens its own
/// browser contexts (<see cref="BrowserContexts"/>), so cookies and localStorage never leak between users or tests.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Overrides where Chromium is, e.g. on a machine whose Chromium is not Debian's package.</summary>
    public const string ExecutableVariable = "VM_CHROMIUM";

    public const string DefaultExecutable = "/usr/bin/chromium";

    // Quiet, deterministic, no background traffic to the internet; --no-sandbox because CI runs as root.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>
    /// Bound of every wait for the page (expectations, actions): a page load runs Chromium, the server and the test
    /// on one loaded 2-core machine, so it gets the generous bound; a passing test never waits for it.
    /// </summary>
    public static readonly TimeSpan PageTimeout = TestTimeouts.Recovery;

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string Executable =>
        Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : DefaultExecutable;

    public async ValueTask InitializeAsync()
    {
        var options = LaunchOptions();
        _playwright = await StartPlaywrightAsync();
        Browser = await _playwright.Chromium.LaunchAsync(options);
    }

    /// <summary>
    /// Starts Playwright's driver (its own bundled Node) so that it can never fetch a browser of its own: there is
    /// no route to its download site, and the browser is Debian's.
    /// </summary>
    public static async Task<IPlaywright> StartPlaywrightAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout((float)PageTimeout.TotalMilliseconds);
        return playwright;
    }

    /// <summary>
    /// How every browser of these tests is launched: Debian's Chromium, headless, the quiet switches above plus
    /// <paramref name="extraArguments"/> (e.g. fake camera switches). Fails, never skips, when Chromium is missing.
    /// </summary>
    public static BrowserTypeLaunchOptions LaunchOptions(params string[] extraArguments)
    {
        var executable = Executable;
        if (!File.Exists(executable))
        {
            // A browser test that silently does not run proves nothing.
            throw new InvalidOperationException(
                $"Chromium was not found at '{executable}'. Install Debian's package (apt-get install -y chromium; " +
                $"scripts/test.sh does this when run as root) or point {ExecutableVariable} at a Chromium binary.");
        }

        // A non-persistent launch gives the browser a fresh temporary profile (user-data dir) that Playwright
        // deletes when the browser closes.
        return new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = [.. Arguments, .. extraArguments],
            Timeout = (float)TestTimeouts.Recovery.TotalMilliseconds,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
