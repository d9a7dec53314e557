using VirtualMeet.Testing;

namespace VirtualMeet.Web.Tests.Infrastructure;

/// <summary>
/// One real server node (in-memory stores, demo events seeded, the test organiser key) that serves the web client
/// from its wwwroot, shared by the assembly. Tests never share an event: each imports its own <see cref="WebTestEvent"/>.
/// </summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    public VirtualMeetNode Node { get; private set; } = null!;

    /// <summary>The key the organiser signs in with on this node.</summary>
    public static string OrganizerKey => VirtualMeetNode.TestOrganizerKey;

    public async ValueTask InitializeAsync()
    {
        Node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        await EnsureWebClientIsServedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Node is not null)
            await Node.DisposeAsync();
    }

    // Without this a missing build shows up as a page with no app in every test; here it fails once, with the cause.
    private async Task EnsureWebClientIsServedAsync()
    {
        using var client = Node.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !body.Contains("<title>VirtualMeet</title>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The node does not serve the web client at '/' (HTTP {(int)response.StatusCode}). The server build puts it into " +
                "src/VirtualMeet.Server/wwwroot through npm (src/VirtualMeet.Web); build without -p:VmSkipWebClient=true, with Node on the PATH.");
        }
    }
}
