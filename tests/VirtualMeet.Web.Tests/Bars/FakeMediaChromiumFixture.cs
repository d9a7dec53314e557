using VirtualMeet.Testing;
using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Bars;

/// <summary>
/// A second Chromium whose camera and microphone are Chromium's built-in fakes (a test pattern and a beep) and whose
/// permission prompts answer yes, so camera tests run headless without devices. Same binary as
/// <see cref="ChromiumFixture"/>; only the media switches differ.
/// </summary>
public sealed class FakeMediaChromiumFixture : IAsyncLifetime
{
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFixture.Executable,
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
