using VirtualMeet.Web.Tests.Infrastructure;

namespace VirtualMeet.Web.Tests.Bars;

/// <summary>
/// A second Chromium, launched like <see cref="ChromiumFixture"/>'s, whose camera and microphone are Chromium's
/// built-in fakes (a test pattern and a beep) and whose permission prompts answer yes, so camera tests run headless
/// without devices.
/// </summary>
public sealed class FakeMediaChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await ChromiumFixture.StartPlaywrightAsync();
        Browser = await _playwright.Chromium.LaunchAsync(
            ChromiumFixture.LaunchOptions("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"));
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
