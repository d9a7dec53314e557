using VirtualMeet.Contracts.Events;
using VirtualMeet.Testing;

namespace VirtualMeet.Web.Tests.Infrastructure;

/// <summary>
/// Base of a browser test class: the shared node and browser, shortcuts to signed-in pages, and clean-up that
/// photographs every open page when the test failed (<c>failed-&lt;test&gt;-&lt;n&gt;.png</c>) before it closes them.
/// </summary>
public abstract class BrowserTest(WebServerFixture server, ChromiumFixture chromium) : IAsyncDisposable
{
    protected VirtualMeetNode Node => server.Node;

    protected IBrowser Browser => chromium.Browser;

    /// <summary>A fresh copy of the demo event on the shared node; see <see cref="WebTestEvent.CreateAsync"/>.</summary>
    protected Task<WebTestEvent> CreateEventAsync(
        string runningSessionId = WebTestEvent.KeynoteId,
        Func<EventDefinition, EventDefinition>? customize = null) =>
        WebTestEvent.CreateAsync(Node, runningSessionId, customize);

    /// <summary>A page of a new person that is not signed in yet.</summary>
    protected Task<IPage> NewPageAsync(string language = "en") => BrowserContexts.NewPageAsync(Browser, Node, language);

    protected Task<IPage> NewAttendeeAsync(string eventId, string displayName, string language = "en") =>
        SignedInPages.NewAttendeeAsync(Browser, Node, eventId, displayName, language);

    protected Task<IPage> NewOrganizerAsync(string eventId, string language = "en") =>
        SignedInPages.NewOrganizerAsync(Browser, Node, eventId, language);

    /// <summary>
    /// Erases the registration of the person signed in on <paramref name="page"/> (<c>DELETE .../registrations/me</c> with
    /// the token the page holds); the page itself stays open.
    /// </summary>
    protected async Task EraseRegistrationAsync(IPage page, string eventId)
    {
        var token = await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('vm.session')).accessToken");
        using var http = Node.CreateClient();
        using var erase = new HttpRequestMessage(HttpMethod.Delete, $"/api/events/{eventId}/registrations/me");
        erase.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var erased = await http.SendAsync(erase, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, erased.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        // xunit.v3 knows the test's result while the test class is disposed.
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var test = TestContext.Current.TestMethod?.MethodName ?? "test";
            var pages = BrowserContexts.OpenPagesOfCurrentTest();
            for (var i = 0; i < pages.Count; i++)
                await TrySaveAsync(pages[i], $"failed-{test}-{i + 1}");
        }

        await BrowserContexts.CloseAllOfCurrentTestAsync();
        GC.SuppressFinalize(this);
    }

    private static async Task TrySaveAsync(IPage page, string name)
    {
        try
        {
            await Screenshots.SaveAsync(page, name);
        }
        catch (PlaywrightException)
        {
            // A crashed or closed page has nothing to show; the test's own failure is what gets reported.
        }
    }
}
