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
        var executable = Executable;
        if (!File.Exists(executable))
        {
            // Fail, never skip: a browser test that silently does not run proves nothing.
            throw new InvalidOperationException(
                $"Chromium was not found at '{executable}'. Install Debian's package (apt-get install -y chromium; " +
                $"scripts/test.sh does this when run as root) or point {ExecutableVariable} at a Chromium binary.");
        }

        // Playwright must use the browser above and never fetch one of its own (there is no route to its CDN).
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout((float)PageTimeout.TotalMilliseconds);

        // A non-persistent launch gives the browser a fresh temporary profile (user-data dir) that Playwright
        // deletes when the browser closes.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
            Timeout = (float)TestTimeouts.Recovery.TotalMilliseconds,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
