using System.Collections.Concurrent;
using VirtualMeet.Testing;

namespace VirtualMeet.Web.Tests.Infrastructure;

/// <summary>
/// Browser contexts (one per simulated person) opened by a test, remembered per test so that
/// <see cref="BrowserTest"/> can photograph every open page when the test fails and close them all afterwards.
/// </summary>
public static class BrowserContexts
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<IBrowserContext>> OpenByTest = new();

    /// <summary>
    /// A fresh context (own storage, own cookies) whose relative URLs resolve against <paramref name="node"/>, with
    /// the browser locale of <paramref name="language"/> (<c>de</c> or <c>en</c>), so the app starts in that language.
    /// </summary>
    public static Task<IBrowserContext> NewAsync(IBrowser browser, VirtualMeetNode node, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(node);
        return NewAsync(browser, node.BaseAddress, language);
    }

    /// <summary>As <see cref="NewAsync(IBrowser, VirtualMeetNode, string)"/>, against any address that serves the app (nginx in front of nodes).</summary>
    public static async Task<IBrowserContext> NewAsync(IBrowser browser, Uri baseAddress, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(baseAddress);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = language == "de" ? "de-DE" : "en-GB",
            TimezoneId = "Europe/Berlin",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout((float)ChromiumFixture.PageTimeout.TotalMilliseconds);
        OpenByTest.GetOrAdd(CurrentTestId, _ => new ConcurrentQueue<IBrowserContext>()).Enqueue(context);
        return context;
    }

    /// <summary>A new page in a new context: one more person in front of the app, not yet on any URL.</summary>
    public static Task<IPage> NewPageAsync(IBrowser browser, VirtualMeetNode node, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(node);
        return NewPageAsync(browser, node.BaseAddress, language);
    }

    /// <summary>A new page in a new context whose relative URLs resolve against <paramref name="baseAddress"/>.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, Uri baseAddress, string language = "en")
    {
        var context = await NewAsync(browser, baseAddress, language);
        return await context.NewPageAsync();
    }

    /// <summary>Every page the current test opened and has not closed, in the order the contexts were opened.</summary>
    public static IReadOnlyList<IPage> OpenPagesOfCurrentTest() =>
        OpenByTest.TryGetValue(CurrentTestId, out var contexts) ? [.. contexts.SelectMany(c => c.Pages)] : [];

    /// <summary>Closes every context of the current test (idempotent).</summary>
    public static async Task CloseAllOfCurrentTestAsync()
    {
        if (!OpenByTest.TryRemove(CurrentTestId, out var contexts))
            return;
        foreach (var context in contexts)
            await context.CloseAsync();
    }

    private static string CurrentTestId => TestContext.Current.Test?.UniqueID ?? "outside-a-test";
}
